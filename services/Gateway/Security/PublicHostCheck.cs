namespace Platform.Gateway.Security;

/// <summary>
/// The gateway answers only for its public host names (<c>Gateway:PublicHosts</c>, separated by <c>;</c>, set by the AppHost). It passes the
/// Host a client sent on to the services as X-Forwarded-Host, and they write it into the links they answer with (the
/// sign-in discovery document's endpoint addresses), so a client must not pick it. Health probes, which address a
/// replica by its own address, are exempt; with no host configured every host is answered (a bare development run).
/// </summary>
public static class PublicHostCheck
{
    public static IApplicationBuilder UsePublicHostCheck(this IApplicationBuilder app)
    {
        var hosts = app.ApplicationServices.GetRequiredService<IConfiguration>()["Gateway:PublicHosts"]?
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (hosts.Length == 0)
        {
            return app;
        }

        var allowed = new HashSet<string>(hosts, StringComparer.OrdinalIgnoreCase);
        return app.Use(async (context, next) =>
        {
            if (!allowed.Contains(context.Request.Host.Host) && !IsHealthProbe(context.Request.Path))
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown host",
                    detail: $"This gateway answers for {string.Join(", ", hosts)}, not for the Host header's '{context.Request.Host.Host}'.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
    }

    private static bool IsHealthProbe(PathString path) => path == "/health" || path == "/alive";
}
