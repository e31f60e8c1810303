using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Data;

namespace Platform.Notifications.People;

/// <summary>Reads of the organization's members: whom an id stands for, and how an actor is named in a sentence.</summary>
public static class Members
{
    /// <summary>
    /// The people among <paramref name="ids"/> who can be told: users (machine clients' ids drop out) who have not left.
    /// One not announced yet is kept: identity's events and the projects service's travel apart, and someone assigned
    /// the moment they joined must not miss it (their mail waits for their address).
    /// </summary>
    public static async Task<List<Guid>> RecipientsAsync(NotificationsDbContext db, Guid organizationId, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var users = ids.Select(id => Guid.TryParse(id, out var user) ? user : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        var known = await KnownAsync(db, organizationId, users, cancellationToken);
        return users.Where(user => known.GetValueOrDefault(user)?.Active != false).ToList();
    }

    /// <summary>How a sentence names who acted: a member's name, the automation, a code host, or "Someone".</summary>
    public static async Task<string> NameOfAsync(NotificationsDbContext db, Guid organizationId, string actor, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(actor, out var user) && (await KnownAsync(db, organizationId, [user], cancellationToken)).GetValueOrDefault(user) is { } person)
        {
            return person.DisplayName;
        }

        return actor switch
        {
            _ when actor.StartsWith("rule:", StringComparison.Ordinal) => "An automation rule",
            "integration:github" => "GitHub",
            "integration:gitlab" => "GitLab",
            _ => "Someone",
        };
    }

    /// <summary>
    /// The members among <paramref name="users"/> the organization knows. Kept tracked: the events of a batch mostly name
    /// the same few people, who are then read once per batch (the directory's handlers change them through tracking too).
    /// </summary>
    private static async Task<Dictionary<Guid, Person>> KnownAsync(NotificationsDbContext db, Guid organizationId, List<Guid> users, CancellationToken cancellationToken)
    {
        var known = db.People.Local.Where(p => p.OrganizationId == organizationId && users.Contains(p.UserId)).ToDictionary(p => p.UserId);
        var missing = users.Where(user => !known.ContainsKey(user)).ToList();
        if (missing.Count > 0)
        {
            foreach (var person in await db.People.Where(p => missing.Contains(p.UserId)).ToListAsync(cancellationToken))
            {
                known[person.UserId] = person;
            }
        }

        return known;
    }
}
