using System.Diagnostics;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Platform.Ai.Data;
using Platform.Ai.Models;
using Platform.Ai.Requests;
using Platform.Ai.Search;
using Platform.Data;

namespace Platform.Ai.Answers;

/// <summary>
/// The model's answer and the tasks and documents it was given, numbered as it may cite them ([1] is the first). Its
/// <see cref="Id"/> is what a rating names (<c>rate_answer</c>, <c>POST /answers/{id}/rating</c>).
/// </summary>
public sealed record Answer(Guid Id, string Text, List<SearchResult> Sources, string Model);

/// <summary>
/// A question answered by the organization's chat model (<see cref="ChatModels"/>: its own, the one it chose, the
/// default, or an experiment's arm) from what search finds for it
/// (retrieval-augmented generation), within the kinds the caller's token may read; each answer is recorded
/// (<see cref="AnswerRecord"/>: model, latency, tokens, cost, the sources with each search method's score) so it can be
/// rated, and a failed model call too. Its rating also tunes the organization's search weights (<see cref="SearchWeights"/>). The MCP tool <c>answer_question</c> and <c>POST /ask</c> both ask this.
/// </summary>
public sealed class AnswerOperation(HybridSearch search, SearchWeights weights, ChatModels models, ChatModel chat, ProjectLookup projects, AiDbContext db, TenantContext tenant)
{
    /// <summary>How many of the best passages the model is given.</summary>
    public const int Sources = 6;

    private const string Instructions =
        "You answer questions about a software team's projects, tasks and design documents. Use only the numbered sources " +
        "given with the question, cite them as [1], [2], and say plainly when they do not contain the answer. Be brief.";

    public const int MaxConversationLength = 200;

    /// <param name="conversation">The client's id of the conversation the question is asked in, if it names one (experiments may route by it).</param>
    /// <param name="sourcesFound">Told how many sources were found, before the model is asked (which takes the longest).</param>
    public async Task<Answer> AnswerAsync(
        string? question, string? project, string? conversation, ClaimsPrincipal user, Func<int, CancellationToken, Task>? sourcesFound, CancellationToken cancellationToken)
    {
        var text = Limits.Text(question, "question", SearchOperation.MaxQueryLength);
        var thread = string.IsNullOrWhiteSpace(conversation) ? null : Limits.Text(conversation, "conversation", MaxConversationLength);
        var projectId = await projects.FindAsync(project, cancellationToken);
        var kinds = SearchOperation.Kinds(null, user);
        // Chosen before searching: without a model the search would be wasted.
        var choice = await models.ChooseAsync(user.ActorId(), thread, cancellationToken);
        var target = choice.Target;

        var organization = tenant.RequiredOrganizationId;
        // The weights are tried as well as used: the answer's rating tells how they served (SearchWeights).
        var fusion = await weights.ForAnswerAsync(cancellationToken);
        var hits = await search.SearchAsync(organization, new SearchQuery(text, kinds, projectId, fusion), 0, Sources, cancellationToken);
        if (sourcesFound is not null)
        {
            await sourcesFound(hits.Count, cancellationToken);
        }
        var record = new AnswerRecord
        {
            Id = Guid.CreateVersion7(), OrganizationId = organization, UserId = user.ActorId(), Question = text, ModelName = target.Name, Model = target.Model,
            ExperimentId = choice.ExperimentId, Arm = choice.Arm, AskedAt = DateTimeOffset.UtcNow, FusionVectorWeight = fusion.Vector,
            Sources = JsonSerializer.Serialize(hits.Select(h => new RecordedSource(h.Id, h.Kind.ToString(), h.Key, h.FullTextScore, h.VectorScore)), JsonSerializerOptions.Web),
        };
        var started = Stopwatch.GetTimestamp();
        try
        {
            var completion = await chat.CompleteAsync(organization, target, choice.Instructions ?? Instructions, Prompt(text, hits), cancellationToken);
            record.LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            (record.InputTokens, record.OutputTokens, record.Cached) = (completion.InputTokens, completion.OutputTokens, completion.Cached);
            record.Cost = completion.Cached ? 0 : target.CostOf(completion.InputTokens, completion.OutputTokens);
            await SaveAsync(record);
            return new Answer(record.Id, completion.Text, hits.ConvertAll(hit => SearchOperation.Result(hit, organization)), target.Model);
        }
        catch (ModelFailedException failure)
        {
            record.LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var cause = failure.InnerException ?? failure;
            var error = $"{cause.GetType().Name}: {cause.Message}";
            record.Error = error.Length <= 300 ? error : error[..300];
            await SaveAsync(record);
            throw;
        }
    }

    /// <summary>Recorded even when the caller has gone: the model was called, and the cost is real.</summary>
    private async Task SaveAsync(AnswerRecord record)
    {
        db.Answers.Add(record);
        await db.SaveChangesAsync(CancellationToken.None);
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

/// <summary>A source as an answer records it: what tuning the search weights reads (each method's normalized score).</summary>
public sealed record RecordedSource(Guid Id, string Kind, string Key, double FullText, double Vector);
