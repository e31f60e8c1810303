using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// The SMTP server services send mail through, as the connection string <c>mail</c> (<c>Endpoint=smtp://host:port</c>).
/// Locally: MailDev (npm, in <c>AppHost/mail</c>) run by Node as an executable, or its container when a container
/// runtime answers; it keeps every mail in memory, shows them in its web inbox (linked on the dashboard) and gives
/// them to the tests through its API. Published: a connection string the deployment provides (a real mail service).
/// </summary>
public static class LocalMailExtensions
{
    public const string ConnectionName = "mail";
    public const string SmtpPortConfigurationKey = "LocalInfrastructure:SmtpPort";
    public const string WebPortConfigurationKey = "LocalInfrastructure:MailWebPort";

    /// <summary>The mail server (null when published) and the connection string that services reference.</summary>
    public static (IResourceBuilder<IResourceWithEndpoints>? Server, IResourceBuilder<IResourceWithConnectionString> Connection) AddMail(
        this IDistributedApplicationBuilder builder, InfrastructureMode mode)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return (null, builder.AddConnectionString(ConnectionName));
        }

        var server = mode == InfrastructureMode.Containers ? AddContainer(builder) : AddExecutable(builder);
        var smtp = server.GetEndpoint("smtp");
        var connection = builder.AddConnectionString(ConnectionName,
            ReferenceExpression.Create($"Endpoint=smtp://{smtp.Property(EndpointProperty.Host)}:{smtp.Property(EndpointProperty.Port)}"));
        return (server, connection);
    }

    private static IResourceBuilder<IResourceWithEndpoints> AddContainer(IDistributedApplicationBuilder builder) =>
        builder.AddContainer("maildev", "maildev/maildev", "2.2.1")
            .WithHttpEndpoint(targetPort: 1080)
            .WithEndpoint(name: "smtp", scheme: "tcp", targetPort: 1025)
            .WithHttpHealthCheck("/healthz");

    private static IResourceBuilder<IResourceWithEndpoints> AddExecutable(IDistributedApplicationBuilder builder)
    {
        var folder = Path.Combine(builder.AppHostDirectory, "mail");
        var script = Path.Combine(folder, "node_modules", "maildev", "dist", "bin", "maildev.js");
        var smtpPort = LocalPort.Choose(builder, SmtpPortConfigurationKey, 1025, "maildev");
        var webPort = LocalPort.Choose(builder, WebPortConfigurationKey, 1080, "maildev");
        var server = builder.AddExecutable("maildev", "node", folder, script, "--ip", "127.0.0.1", "--web-ip", "127.0.0.1")
            // Unproxied, on ports chosen here: MailDev reads them from its environment.
            .WithEndpoint("smtp", endpoint => (endpoint.UriScheme, endpoint.Port, endpoint.TargetPort, endpoint.IsProxied) = ("tcp", smtpPort, smtpPort, false))
            .WithEndpoint("http", endpoint => (endpoint.UriScheme, endpoint.Port, endpoint.TargetPort, endpoint.IsProxied) = ("http", webPort, webPort, false))
            .WithEnvironment("MAILDEV_SMTP_PORT", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("MAILDEV_WEB_PORT", webPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithHttpHealthCheck("/api/healthz", endpointName: "http")
            .WithIconName("Mail")
            .ExcludeFromManifest();
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server.Resource, (@event, _) =>
        {
            if (!File.Exists(script))
            {
                var message = $"MailDev is not installed: run `npm ci --prefix {folder}` (the README's commands do).";
                @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server.Resource).LogError("{Message}", message);
                throw new DistributedApplicationException(message);
            }

            return Task.CompletedTask;
        });
        return server;
    }
}
