namespace Platform.AppHost.Infrastructure;

public static class UnproxiedServiceEndpoints
{
    /// <summary>Set to 0 (the test graphs do) for a free port per service rather than the launch profile's.</summary>
    public const string PortConfigurationKey = "LocalInfrastructure:ServicePorts";

    /// <summary>
    /// A single-replica service listens on its endpoint's port itself when run locally, with no DCP proxy in front: the
    /// proxy costs CPU on every call, and under load on this machine it held requests for 100 s and more while the
    /// service behind it answered at once. The launch profile's port (web on 5088) is kept while it is free.
    /// Replicated services keep the proxy, which is what spreads their callers over the replicas.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithUnproxiedHttpEndpoint(this IResourceBuilder<ProjectResource> service)
    {
        var builder = service.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode)
        {
            return service;
        }

        return service.WithEndpoint("http", endpoint =>
        {
            var port = LocalPort.Choose(builder, PortConfigurationKey, endpoint.Port ?? 0, service.Resource.Name);
            endpoint.Port = port;
            endpoint.TargetPort = port;
            endpoint.IsProxied = false;
        });
    }
}
