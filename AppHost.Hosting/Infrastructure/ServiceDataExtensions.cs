namespace Platform.AppHost.Infrastructure;

public static class ServiceDataExtensions
{
    /// <summary>
    /// A tenant-scoped service's data: its own database through the application login (row-level security binds it),
    /// its outbox relay's login, the cache (events, backplane, caches), and a start only once the migrations are done.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceData(
        this IResourceBuilder<ProjectResource> service, PlatformInfrastructure infrastructure,
        IResourceBuilder<IResourceWithConnectionString> database, IResourceBuilder<ProjectResource> migrations) =>
        service
            .WithReference(infrastructure.ApplicationConnection(database), database.Resource.Name).WaitFor(database)
            .WithEnvironment("EventBus__RelayConnectionString", infrastructure.RelayConnection(database))
            .WithReference(infrastructure.Cache).WaitFor(infrastructure.Cache)
            .WaitForCompletion(migrations);
}
