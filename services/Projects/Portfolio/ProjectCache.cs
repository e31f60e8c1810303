using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Platform.Contracts;
using Platform.Data;
using Platform.EventBus.Consuming;
using Platform.Projects.Data;

namespace Platform.Projects.Portfolio;

/// <summary>
/// Project metadata by key for the read paths (task lists, project reads), cached per organization in
/// memory and in Redis. A change removes the entry at once where it was made (memory and Redis) and, through
/// <see cref="ProjectChanged"/>, again where the event is handled; other replicas' memory copies live at most
/// <see cref="LocalLifetime"/>. Writes read the database, so a stale copy never decides a change.
/// </summary>
public sealed class ProjectCache(HybridCache cache, ProjectsDbContext db, TenantContext tenant) : IHandles<ProjectChanged>
{
    public static readonly TimeSpan LocalLifetime = TimeSpan.FromSeconds(10);

    private static readonly HybridCacheEntryOptions Lifetimes = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = LocalLifetime };

    public async Task<Project?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var projectKey = key.ToUpperInvariant();
        var organization = tenant.RequiredOrganizationId;
        try
        {
            return await cache.GetOrCreateAsync(
                EntryKey(organization, projectKey),
                (db, tenant, organization, projectKey),
                static async (state, token) =>
                {
                    // The cache may run this on a thread of its own, without the request's tenant.
                    using (state.tenant.Enter(state.organization))
                    {
                        return await state.db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Key == state.projectKey, token) ?? throw new NoSuchProject();
                    }
                },
                Lifetimes,
                cancellationToken: cancellationToken);
        }
        catch (NoSuchProject)
        {
            return null; // not cached: a project created a moment later must be found at once
        }
    }

    public ValueTask ForgetAsync(Guid organizationId, string key, CancellationToken cancellationToken) =>
        cache.RemoveAsync(EntryKey(organizationId, key), cancellationToken);

    public Task HandleAsync(ProjectChanged changed, CancellationToken cancellationToken) =>
        ForgetAsync(changed.OrganizationId, changed.Key, cancellationToken).AsTask();

    private static string EntryKey(Guid organizationId, string key) => $"project:{organizationId}:{key}";

    private sealed class NoSuchProject : Exception;
}
