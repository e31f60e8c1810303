using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Data;

namespace Platform.Notifications.People;

/// <summary>
/// Reads of the organization's members: whom an id stands for, and how an actor is named in a sentence. Each person is
/// read once per scope (a batch of events mostly names the same few people); the directory's handlers make it forget
/// one whose membership changed.
/// </summary>
public sealed class Members(NotificationsDbContext db)
{
    private readonly Dictionary<(Guid Organization, Guid User), Person?> _known = [];

    /// <summary>
    /// The people among <paramref name="ids"/> who can be told: users (machine clients' ids drop out) who have not left.
    /// One not announced yet is kept: identity's events and the projects service's travel apart, and someone assigned
    /// the moment they joined must not miss it (their mail waits for their address).
    /// </summary>
    public async Task<List<Guid>> RecipientsAsync(Guid organizationId, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var users = ids.Select(id => Guid.TryParse(id, out var user) ? user : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        await LearnAsync(organizationId, users, cancellationToken);
        return users.Where(user => _known[(organizationId, user)]?.Active != false).ToList();
    }

    /// <summary>How a sentence names who acted: a member's name, the automation, a code host, or "Someone".</summary>
    public async Task<string> NameOfAsync(Guid organizationId, string actor, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(actor, out var user))
        {
            await LearnAsync(organizationId, [user], cancellationToken);
            if (_known[(organizationId, user)] is { } person)
            {
                return person.DisplayName;
            }
        }

        return actor switch
        {
            _ when actor.StartsWith("rule:", StringComparison.Ordinal) => "An automation rule",
            "integration:github" => "GitHub",
            "integration:gitlab" => "GitLab",
            _ => "Someone",
        };
    }

    /// <summary>The person joined, changed role or left: read them again when they are next named.</summary>
    public void Forget(Guid organizationId, Guid user) => _known.Remove((organizationId, user));

    private async Task LearnAsync(Guid organizationId, List<Guid> users, CancellationToken cancellationToken)
    {
        var missing = users.Where(user => !_known.ContainsKey((organizationId, user))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var found = await db.People.AsNoTracking().Where(p => missing.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);
        foreach (var user in missing)
        {
            _known[(organizationId, user)] = found.GetValueOrDefault(user);
        }
    }
}
