using Platform.AppHost.Infrastructure;

namespace Platform.AppHost.Events;

public static class DaprSidecarExtensions
{
    /// <summary>
    /// Starts a <c>daprd</c> sidecar beside <paramref name="service"/> when a daprd binary is on PATH (or at
    /// <c>LocalInfrastructure:DaprdBinary</c>), with the pub/sub components of <c>AppHost/dapr/components</c>
    /// on <paramref name="cache"/>. The service then sees DAPR_HTTP_PORT and its event bus publishes and
    /// subscribes through Dapr; without daprd nothing is added and the event bus uses Redis Streams.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDaprSidecar(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> cache)
    {
        var builder = service.ApplicationBuilder;
        var daprd = ServerBinary.Daprd(builder.Configuration[ServerBinary.DaprdConfigurationKey], Environment.GetEnvironmentVariable("PATH"));
        if (!daprd.Found || builder.ExecutionContext.IsPublishMode)
        {
            return service;
        }

        var name = service.Resource.Name;
        var token = builder.AddParameter($"{name}-dapr-app-token", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        var redis = cache.Resource.GetConnectionProperties().ToDictionary(p => p.Key, p => p.Value);
        var appEndpoint = service.GetEndpoint("http");
        var sidecar = builder.AddExecutable($"{name}-dapr", daprd.Path!, builder.AppHostDirectory)
            .WithHttpEndpoint(name: "http")
            .WithEndpoint("grpc", endpoint => endpoint.UriScheme = "http")
            .WithEnvironment("REDIS_HOST", ReferenceExpression.Create($"{redis["Host"]}:{redis["Port"]}"))
            .WithEnvironment("REDIS_PASSWORD", redis["Password"])
            .WithEnvironment("APP_API_TOKEN", token)
            .WaitFor(cache)
            .WithParentRelationship(service)
            .ExcludeFromManifest();
        sidecar.WithArgs(context =>
        {
            context.Args.Add("--app-id");
            context.Args.Add(name);
            context.Args.Add("--app-port");
            context.Args.Add(appEndpoint.Property(EndpointProperty.TargetPort));
            context.Args.Add("--dapr-http-port");
            context.Args.Add(sidecar.GetEndpoint("http").Property(EndpointProperty.TargetPort));
            context.Args.Add("--dapr-grpc-port");
            context.Args.Add(sidecar.GetEndpoint("grpc").Property(EndpointProperty.TargetPort));
            context.Args.Add("--resources-path");
            context.Args.Add(Path.Combine(builder.AppHostDirectory, "dapr", "components"));
            // Several sidecars run on one machine: no shared metrics port.
            context.Args.Add("--enable-metrics=false");
        });

        return service
            .WithEnvironment("DAPR_HTTP_PORT", sidecar.GetEndpoint("http").Property(EndpointProperty.Port))
            .WithEnvironment("DAPR_GRPC_PORT", sidecar.GetEndpoint("grpc").Property(EndpointProperty.Port))
            .WithEnvironment("APP_API_TOKEN", token);
    }
}
