using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Ai.Http;

/// <summary>
/// Every REST call is one information line, as every MCP tool call is (<see cref="Tools.ToolAudit"/>): who, which
/// route, which query parameters (names only), the outcome and how long it took; a refusal says why. Traces and the
/// request metrics come from the service defaults.
/// </summary>
internal static partial class ApiAudit
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var started = Stopwatch.GetTimestamp();
        var result = await next(context);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Ai.Api");
        var endpoint = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? http.Request.Path.ToString();
        var (outcome, reason) = Outcome(result is INestedHttpResult nested ? nested.Result : result);
        LogCall(logger, http.User.ActorId(), endpoint, string.Join(",", http.Request.Query.Keys), outcome, reason,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private static (string Outcome, string Reason) Outcome(object? result) => result switch
    {
        ValidationProblem invalid => ("refused", string.Join("; ", invalid.ProblemDetails.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))),
        ProblemHttpResult problem => (problem.StatusCode switch
        {
            StatusCodes.Status429TooManyRequests => "limited",
            StatusCodes.Status503ServiceUnavailable => "unavailable",
            _ => "refused",
        }, problem.ProblemDetails.Detail ?? ""),
        _ => ("ok", ""),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "AI API call by {User}: {Endpoint}({Parameters}) -> {Outcome} {Reason} in {Milliseconds:F1} ms")]
    private static partial void LogCall(ILogger logger, string user, string endpoint, string parameters, string outcome, string reason, double milliseconds);
}
