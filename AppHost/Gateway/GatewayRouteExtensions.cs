namespace Platform.AppHost.Gateway;

public static class GatewayRouteExtensions
{
    /// <summary>
    /// Routes <c>/api/{service}/...</c> on the gateway to the service (found by service discovery),
    /// without the prefix, and makes the gateway reference and wait for it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceRoute(
        this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> service)
    {
        var name = service.Resource.Name;
        var route = $"ReverseProxy__Routes__{name}__";
        var cluster = $"ReverseProxy__Clusters__{name}__";
        return gateway
            .WithReference(service)
            .WaitFor(service)
            .WithEnvironment($"{route}ClusterId", name)
            .WithEnvironment($"{route}Match__Path", $"/api/{name}/{{**rest}}")
            .WithEnvironment($"{route}Transforms__0__PathRemovePrefix", $"/api/{name}")
            .WithEnvironment($"{cluster}Destinations__{name}__Address", $"http://{name}");
    }
}
