using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Ai.Http;
using Platform.Ai.Requests;

namespace Platform.Ai.Answers;

/// <summary>A question for the chat model.</summary>
public sealed record AskInput(
    [property: Description("The question (1 to 1000 characters).")] string? Question,
    [property: Description("A project key, such as PLAT, to look only there; every project when left out.")] string? Project = null,
    [property: Description("The client's id of the conversation the question comes from (at most 200 characters): experiments may route by it.")] string? Conversation = null);

/// <summary>The asker's judgement of an answer.</summary>
public sealed record RatingInput(
    [property: Description("up (helpful) or down (not helpful).")] string? Rating,
    [property: Description("What was right or wrong (at most 1000 characters).")] string? Comment = null);

public static class AskEndpoints
{
    public static RouteGroupBuilder MapAskEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/ask", Ask)
            .AddEndpointFilter(QuestionRateLimit.Filter)
            .WithName("Ask").WithTags("Answers")
            .WithSummary("Answer a question")
            .WithDescription("The chat model's answer from the tasks and documents search finds for the question (those the token may read), " +
                "with those sources, numbered as the answer cites them. 503 when no chat model is configured (GET /models tells beforehand).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/answers/{id}/rating", Rate)
            .WithName("RateAnswer").WithTags("Answers")
            .WithSummary("Rate an answer")
            .WithDescription("The asker's judgement of an answer of POST /ask or answer_question: up or down, with an optional comment; " +
                "rating again replaces it. Another person's answer is 404. Ratings feed the model experiments' reports and the tuning of search.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<Rating>, ValidationProblem, ProblemHttpResult>> Rate(
        string id, RatingInput input, AnswerRatings ratings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await ratings.RateAsync(id, input.Rating, input.Comment, user, cancellationToken));
        }
        catch (InvalidArgumentException refusal)
        {
            return ApiRefusals.Invalid(refusal, ("answerId", "id"));
        }
        catch (RequestRefusedException refusal)
        {
            return ApiRefusals.Problem(refusal);
        }
    }

    public static async Task<Results<Ok<Answer>, ValidationProblem, ProblemHttpResult>> Ask(
        AskInput input, AnswerOperation answers, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await answers.AnswerAsync(input.Question, input.Project, input.Conversation, user, sourcesFound: null, cancellationToken));
        }
        catch (InvalidArgumentException refusal)
        {
            return ApiRefusals.Invalid(refusal);
        }
        catch (RequestRefusedException refusal)
        {
            return ApiRefusals.Problem(refusal);
        }
    }
}
