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
    public static async Task<List<Guid>> RecipientsAsync(NotificationsDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var users = ids.Select(id => Guid.TryParse(id, out var user) ? user : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        if (users.Count == 0)
        {
            return [];
        }

        var left = await db.People.AsNoTracking().Where(p => !p.Active && users.Contains(p.UserId)).Select(p => p.UserId).ToListAsync(cancellationToken);
        return users.Except(left).ToList();
    }

    /// <summary>How a sentence names who acted: a member's name, the automation, a code host, or "Someone".</summary>
    public static async Task<string> NameOfAsync(NotificationsDbContext db, string actor, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(actor, out var user)
            && await db.People.AsNoTracking().Where(p => p.UserId == user).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken) is { } name)
        {
            return name;
        }

        return actor switch
        {
            _ when actor.StartsWith("rule:", StringComparison.Ordinal) => "An automation rule",
            "integration:github" => "GitHub",
            "integration:gitlab" => "GitLab",
            _ => "Someone",
        };
    }
}
