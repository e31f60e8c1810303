namespace Platform.AppHost.Gateway;

public static class GatewayRouteExtensions
{
    /// <summary>
    /// Routes <c>/api/{service}/...</c> on the gateway to the service (found by service discovery),
    /// without the prefix, and makes the gateway reference and wait for it. The gateway refuses calls
    /// without a valid token before routing, except under <paramref name="publicPaths"/>, which the
    /// service serves to anonymous callers itself (sign-in pages, token and discovery endpoints).
    /// A service that takes smaller bodies than the gateway names its limit (<paramref name="maxRequestBodyBytes"/>), so
    /// the gateway refuses a larger body with 413 instead of forwarding it into a cut connection (a 502); one that takes
    /// larger ones (the files service's uploads) says so with <paramref name="aboveGatewayLimit"/>, for its routes only.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceRoute(
        this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> service, long? maxRequestBodyBytes = null,
        bool aboveGatewayLimit = false, params string[] publicPaths)
    {
        var name = service.Resource.Name;
        gateway.WithReference(service).WaitFor(service)
            .WithEnvironment($"ReverseProxy__Clusters__{name}__Destinations__{name}__Address", $"http://{name}");

        AddRoute(gateway, name, routeId: name, $"/api/{name}/{{**rest}}", "default", maxRequestBodyBytes, aboveGatewayLimit);
        for (var index = 0; index < publicPaths.Length; index++)
        {
            AddRoute(gateway, name, routeId: $"{name}-public-{index}", $"/api/{name}{publicPaths[index]}/{{**rest}}", "anonymous", maxRequestBodyBytes, aboveGatewayLimit);
        }

        return gateway;
    }

    /// <summary>
    /// The service sees its own paths, and learns the removed prefix from X-Forwarded-Prefix, so the
    /// links and redirects it writes (sign-in pages) still work through the gateway.
    /// </summary>
    private static void AddRoute(
        IResourceBuilder<ProjectResource> gateway, string cluster, string routeId, string path, string policy, long? maxRequestBodyBytes, bool aboveGatewayLimit)
    {
        var route = $"ReverseProxy__Routes__{routeId}__";
        if (maxRequestBodyBytes is { } limit)
        {
            gateway.WithEnvironment($"{route}Metadata__MaxRequestBodyBytes", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (aboveGatewayLimit)
        {
            gateway.WithEnvironment($"{route}Metadata__AboveGatewayLimit", "true");
        }

        gateway
            .WithEnvironment($"{route}ClusterId", cluster)
            .WithEnvironment($"{route}Match__Path", path)
            .WithEnvironment($"{route}Transforms__0__PathRemovePrefix", $"/api/{cluster}")
            .WithEnvironment($"{route}Transforms__1__X-Forwarded", "Set")
            .WithEnvironment($"{route}Transforms__1__Prefix", "Off")
            .WithEnvironment($"{route}Transforms__2__RequestHeader", "X-Forwarded-Prefix")
            .WithEnvironment($"{route}Transforms__2__Set", $"/api/{cluster}")
            .WithEnvironment($"{route}AuthorizationPolicy", policy);
    }
}
