namespace Platform.Gateway.Security;

public static class SecurityHeaders
{
    private const string NoFraming = "frame-ancestors 'none'";

    /// <summary>Headers every response from the public entry carries, whichever service answered.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // A service's own policy is kept (the files service sandboxes the files it serves); none lets a page be framed.
            var policy = headers.ContentSecurityPolicy.ToString();
            headers.ContentSecurityPolicy = policy.Length == 0 ? NoFraming
                : policy.Contains("frame-ancestors", StringComparison.Ordinal) ? policy : $"{policy}; {NoFraming}";
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(context);
    });
}
