using System.ComponentModel;
using System.Text;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Ai.Api;
using Platform.Ai.Models;
using Platform.Ai.Resources;
using Platform.Ai.Search;

namespace Platform.Ai.Tools;

public sealed record Answer(string Text, List<SearchResult> Sources);

/// <summary>Questions answered by the platform's chat model from what search finds (retrieval-augmented generation).</summary>
[McpServerToolType]
[Toolset("search")]
public sealed class AnswerTools(HybridSearch search, ChatModel chat, PlatformApi api, IHttpContextAccessor context)
{
    public const int Sources = 6;

    private const string Instructions =
        "You answer questions about a software team's projects, tasks and design documents. Use only the numbered sources " +
        "given with the question, cite them as [1], [2], and say plainly when they do not contain the answer. Be brief.";

    [McpServerTool(Name = "answer_question", Title = "Answer a question", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Answers a question about the organization's projects with the platform's chat model, from the tasks and documents search finds " +
        "for it, citing them. Needs a chat model configured on the platform; search and read_document work without one.")]
    public async Task<Answer> AnswerQuestion(
        RequestContext<CallToolRequestParams> request,
        [Description("The question (at most 1000 characters).")] string question,
        [Description("Project key, e.g. PLAT; all projects when left out.")] string? project = null,
        CancellationToken cancellationToken = default)
    {
        var text = question.Trim();
        if (text.Length is 0 or > SearchTools.MaxQueryLength)
        {
            throw new McpException($"Argument 'question': 1 to {SearchTools.MaxQueryLength} characters.");
        }
        var organization = Guid.Parse(PlatformResources.Organization(context.HttpContext!));
        var projectId = project is null ? (Guid?)null : await api.ProjectIdAsync(Arguments.Key(project, nameof(project)), cancellationToken);
        var hits = await search.SearchAsync(organization, new SearchQuery(text, SearchTools.Kinds(null, context.HttpContext!.User), projectId), 0, Sources, cancellationToken);

        await ToolProgress.ReportAsync(request, new ProgressNotificationValue { Progress = 1, Total = 2, Message = $"Found {hits.Count} sources; asking the model" }, cancellationToken);
        var prompt = new StringBuilder();
        for (var i = 0; i < hits.Count; i++)
        {
            prompt.Append('[').Append(i + 1).Append("] ").Append(hits[i].Kind == Data.SourceKind.Document ? "Document" : $"Task {hits[i].Key}")
                .Append(": ").AppendLine(hits[i].Title).AppendLine(hits[i].Passage).AppendLine();
        }
        prompt.Append("Question: ").Append(text);
        var answer = await chat.CompleteAsync(Instructions, prompt.ToString(), cancellationToken);
        return new Answer(answer, hits.ConvertAll(hit => SearchTools.Result(hit, organization)));
    }
}
