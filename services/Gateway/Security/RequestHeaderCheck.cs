namespace Platform.Gateway.Security;

public static class RequestHeaderCheck
{
    /// <summary>
    /// Header values the gateway could not forward (it sends services ASCII headers only, as HTTP/1.1 intends) are the
    /// client's mistake: 400 naming the header, rather than a failed forward answered with 502.
    /// </summary>
    public static IApplicationBuilder UseRequestHeaderCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        foreach (var (name, values) in context.Request.Headers)
        {
            if (values.Any(value => value is not null && !System.Text.Ascii.IsValid(value)))
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid header",
                    detail: $"The {name} header holds characters outside ASCII; send ASCII text (percent-encode anything else).").ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    });
}
