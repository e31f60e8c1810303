using System.Globalization;
using Microsoft.Extensions.Options;

namespace Platform.Ai.Answers;

/// <summary>
/// Each user may ask <see cref="AiOptions.QuestionsPerUserPerMinute"/> questions a minute through the REST API, all
/// replicas together (<see cref="RedisRateCounter"/>): a question not answered before costs a call of a paid model,
/// which the gateway's general limits would let through hundreds of times a minute. Over it: 429 with Retry-After.
/// </summary>
internal static class QuestionRateLimit
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limit = http.RequestServices.GetRequiredService<IOptionsMonitor<AiOptions>>().CurrentValue.QuestionsPerUserPerMinute;
        var counter = http.RequestServices.GetRequiredService<RedisRateCounter>();
        if (await counter.CountAsync([($"ai:questions:user:{http.User.ActorId()}", limit)]) is { } over)
        {
            http.Response.Headers.RetryAfter = over.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"More than {limit} questions a minute for this user; retry in {over.RetryAfterSeconds} s.");
        }
        return await next(context);
    }
}
