using System.Security.Claims;
using System.Text;
using Platform.Ai.Data;
using Platform.Ai.Models;
using Platform.Ai.Requests;
using Platform.Ai.Search;
using Platform.Data;

namespace Platform.Ai.Answers;

/// <summary>The model's answer and the tasks and documents it was given, numbered as it may cite them ([1] is the first).</summary>
public sealed record Answer(string Text, List<SearchResult> Sources);

/// <summary>
/// A question answered by the configured chat model from what search finds for it (retrieval-augmented generation),
/// within the kinds the caller's token may read. The MCP tool <c>answer_question</c> and <c>POST /ask</c> both ask this.
/// </summary>
public sealed class AnswerOperation(HybridSearch search, ChatModel chat, ProjectLookup projects, TenantContext tenant)
{
    /// <summary>How many of the best passages the model is given.</summary>
    public const int Sources = 6;

    private const string Instructions =
        "You answer questions about a software team's projects, tasks and design documents. Use only the numbered sources " +
        "given with the question, cite them as [1], [2], and say plainly when they do not contain the answer. Be brief.";

    /// <param name="sourcesFound">Told how many sources were found, before the model is asked (which takes the longest).</param>
    public async Task<Answer> AnswerAsync(
        string? question, string? project, ClaimsPrincipal user, Func<int, CancellationToken, Task>? sourcesFound, CancellationToken cancellationToken)
    {
        var text = Limits.Text(question, "question", SearchOperation.MaxQueryLength);
        var projectId = await projects.FindAsync(project, cancellationToken);
        var kinds = SearchOperation.Kinds(null, user);
        // Checked before searching: without a model the search would be wasted.
        if (!chat.IsConfigured)
        {
            throw new ModelNotConfiguredException(ChatModel.HowToConfigure, ChatModel.WhatWorksWithout);
        }

        var organization = tenant.RequiredOrganizationId;
        var hits = await search.SearchAsync(organization, new SearchQuery(text, kinds, projectId), 0, Sources, cancellationToken);
        if (sourcesFound is not null)
        {
            await sourcesFound(hits.Count, cancellationToken);
        }
        var answer = await chat.CompleteAsync(Instructions, Prompt(text, hits), cancellationToken);
        return new Answer(answer, hits.ConvertAll(hit => SearchOperation.Result(hit, organization)));
    }

    /// <summary>The sources, numbered, each with its kind, key and title (and the attached file it is from) and the whole passage found; then the question.</summary>
    private static string Prompt(string question, List<SearchHit> hits)
    {
        var prompt = new StringBuilder();
        for (var i = 0; i < hits.Count; i++)
        {
            prompt.Append('[').Append(i + 1).Append("] ").Append(hits[i].Kind == SourceKind.Document ? "Document" : $"Task {hits[i].Key}")
                .Append(": ").Append(hits[i].Title).AppendLine(hits[i].File is { } file ? $", attached file {file}" : "").AppendLine(hits[i].Passage).AppendLine();
        }
        return prompt.Append("Question: ").Append(question).ToString();
    }
}
