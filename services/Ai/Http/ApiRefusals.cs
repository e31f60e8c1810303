using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Ai.Requests;

namespace Platform.Ai.Http;

/// <summary>An operation's refusal (<see cref="RequestRefusedException"/>) as the REST API answers it: problem details.</summary>
internal static class ApiRefusals
{
    /// <summary>A 400 whose errors name the field, by the name the route gives it (<paramref name="fieldNames"/>: operation argument → query field).</summary>
    public static ValidationProblem Invalid(InvalidArgumentException refusal, params (string Argument, string Field)[] fieldNames)
    {
        var field = fieldNames.FirstOrDefault(name => name.Argument == refusal.Argument).Field ?? refusal.Argument;
        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [refusal.Problem] });
    }

    /// <summary>
    /// 404 for what the caller has no such thing of (another organization's included), 403 for a missing scope, 409 for a
    /// conflict with the state of things, 503
    /// without the model, 502 when the model failed.
    /// </summary>
    public static ProblemHttpResult Problem(RequestRefusedException refusal) => refusal switch
    {
        NotFoundException => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: refusal.Message),
        ScopeMissingException => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Scope missing", detail: refusal.Message),
        ConflictException => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: refusal.Message),
        ModelNotConfiguredException missing => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No chat model", detail: missing.Remedy),
        ModelFailedException => TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The chat model failed", detail: refusal.Message),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Refused", detail: refusal.Message),
    };
}
