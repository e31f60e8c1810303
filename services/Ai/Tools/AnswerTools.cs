using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Ai.Answers;

namespace Platform.Ai.Tools;

/// <summary>Questions answered by the platform's chat model from what search finds (retrieval-augmented generation).</summary>
[McpServerToolType]
[Toolset("search")]
public sealed class AnswerTools(AnswerOperation answers, IHttpContextAccessor context)
{
    [McpServerTool(Name = "answer_question", Title = "Answer a question", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Answers a question about the organization's projects with the platform's chat model, from the tasks and documents search finds " +
        "for it, citing them. Needs a chat model configured on the platform; search and read_document work without one.")]
    public Task<Answer> AnswerQuestion(
        RequestContext<CallToolRequestParams> request,
        [Description("The question (at most 1000 characters).")] string question,
        [Description("Project key, e.g. PLAT; all projects when left out.")] string? project = null,
        CancellationToken cancellationToken = default) =>
        // A refusal of the operation (RequestRefusedException) becomes a tool error in ToolAudit.
        answers.AnswerAsync(question, project, context.HttpContext!.User,
            (found, token) => ToolProgress.ReportAsync(request, new ProgressNotificationValue { Progress = 1, Total = 2, Message = $"Found {found} sources; asking the model" }, token),
            cancellationToken);
}
