namespace Platform.AppHost;

public static class IdentityReferenceExtensions
{
    /// <summary>
    /// The service validates tokens issued by <paramref name="identity"/>: it learns the authority's address
    /// and waits for it, since token validation starts by reading its discovery document.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithIdentityAuthority(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> identity)
    {
        if (service.Resource != identity.Resource)
        {
            service.WithReference(identity).WaitFor(identity);
        }

        return service.WithEnvironment("Identity__Authority", identity.GetEndpoint("http"));
    }
}
