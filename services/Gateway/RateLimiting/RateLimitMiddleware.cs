using System.Globalization;

namespace Platform.Gateway.RateLimiting;

public static class RateLimitMiddleware
{
    /// <summary>Runs after authentication, so the counters know the caller's user and organization.</summary>
    public static IApplicationBuilder UseRedisRateLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments(Extensions.HealthPath) || context.Request.Path.StartsWithSegments(Extensions.AlivePath))
        {
            await next(context);
            return;
        }

        var retryAfter = await context.RequestServices.GetRequiredService<RedisRateLimiter>().RetryAfterAsync(context);
        if (retryAfter is null)
        {
            await next(context);
            return;
        }

        context.Response.Headers.RetryAfter = retryAfter.Value.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            detail: $"Too many requests; try again in {retryAfter} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests").ExecuteAsync(context);
    });
}
