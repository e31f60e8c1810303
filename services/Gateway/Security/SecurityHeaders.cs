namespace Platform.Gateway.Security;

public static class SecurityHeaders
{
    /// <summary>Headers every response from the public entry carries, whichever service answered.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(context);
    });
}
