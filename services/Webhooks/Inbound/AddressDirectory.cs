using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Platform.Webhooks.Data;

namespace Platform.Webhooks.Inbound;

/// <summary>
/// Which organization an inbound address belongs to, remembered once found: an address never changes organization, so
/// a busy sender costs one lookup per process. Addresses not found are not remembered (random ones would fill memory);
/// a disconnected integration stays remembered here but is not found in its organization, so it is refused all the same.
/// </summary>
public sealed class AddressDirectory
{
    private readonly ConcurrentDictionary<Guid, Guid> _organizations = new();

    public async Task<Guid?> OrganizationOfAsync(WebhooksDbContext db, Guid integrationId, CancellationToken cancellationToken)
    {
        if (_organizations.TryGetValue(integrationId, out var known))
        {
            return known;
        }

        var found = await db.Directory.AsNoTracking().Where(d => d.IntegrationId == integrationId)
            .Select(d => (Guid?)d.OrganizationId).SingleOrDefaultAsync(cancellationToken);
        if (found is { } organization)
        {
            _organizations[integrationId] = organization;
        }

        return found;
    }
}
