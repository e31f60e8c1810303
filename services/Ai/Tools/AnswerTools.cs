using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Ai.Answers;

namespace Platform.Ai.Tools;

/// <summary>Questions answered by the platform's chat model from what search finds (retrieval-augmented generation).</summary>
[McpServerToolType]
[Toolset("search")]
public sealed class AnswerTools(AnswerOperation answers, AnswerRatings ratings, IHttpContextAccessor context)
{
    [McpServerTool(Name = "answer_question", Title = "Answer a question", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Answers a question about the organization's projects with the platform's chat model, from the tasks and documents search finds " +
        "for it, citing them. The answer's id is what rate_answer takes. Needs a chat model configured on the platform; search and read_document work without one.")]
    public Task<Answer> AnswerQuestion(
        RequestContext<CallToolRequestParams> request,
        [Description("The question (at most 1000 characters).")] string question,
        [Description("Project key, e.g. PLAT; all projects when left out.")] string? project = null,
        [Description("The id of the conversation the question comes from, if the client has one (at most 200 characters): experiments may compare models per conversation.")] string? conversation = null,
        CancellationToken cancellationToken = default) =>
        // A refusal of the operation (RequestRefusedException) becomes a tool error in ToolAudit.
        answers.AnswerAsync(question, project, conversation, context.HttpContext!.User,
            (found, token) => ToolProgress.ReportAsync(request, new ProgressNotificationValue { Progress = 1, Total = 2, Message = $"Found {found} sources; asking the model" }, token),
            cancellationToken);

    [McpServerTool(Name = "rate_answer", Title = "Rate an answer", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Tells the platform whether an answer of answer_question helped (the user's judgement, not the assistant's): up or down, with an optional comment. " +
        "Only the user who asked may rate; rating again replaces the rating. Ratings compare models and tune search.")]
    public Task<Rating> RateAnswer(
        [Description("The id answer_question returned with the answer.")] string answerId,
        [Description("up (helpful) or down (not helpful).")] string rating,
        [Description("What was right or wrong, in the user's words (at most 1000 characters).")] string? comment = null,
        CancellationToken cancellationToken = default) =>
        ratings.RateAsync(answerId, rating, comment, context.HttpContext!.User, cancellationToken);
}
