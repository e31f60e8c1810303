using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.EventBus.Consuming;
using Platform.Notifications.Data;

namespace Platform.Notifications.People;

/// <summary>Keeps the organization's members (and its name), as the identity service announces them: whom notifications can reach.</summary>
public sealed class PeopleDirectory(NotificationsDbContext db, Members members) : IHandles<MemberJoined>, IHandles<MemberRoleChanged>, IHandles<MemberLeft>
{
    public async Task HandleAsync(MemberJoined joined, CancellationToken cancellationToken)
    {
        var person = await db.People.FindAsync([joined.OrganizationId, joined.UserId], cancellationToken);
        if (person is null)
        {
            db.People.Add(person = new Person { OrganizationId = joined.OrganizationId, UserId = joined.UserId, Email = joined.Email, DisplayName = joined.DisplayName, Role = joined.Role });
        }

        (person.Email, person.DisplayName, person.Role, person.Active) = (joined.Email, joined.DisplayName, joined.Role, true);
        members.Forget(joined.OrganizationId, joined.UserId);
        if (joined.OrganizationName is { } name)
        {
            await OrganizationNamedAsync(joined.OrganizationId, name, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The organization's name, as its mail is signed and its branding shown.</summary>
    private async Task OrganizationNamedAsync(Guid organizationId, string name, CancellationToken cancellationToken)
    {
        var branding = await db.Brandings.FindAsync([organizationId], cancellationToken);
        if (branding is null)
        {
            db.Brandings.Add(branding = new OrganizationBranding { OrganizationId = organizationId });
        }

        branding.Name = name;
    }

    public async Task HandleAsync(MemberRoleChanged changed, CancellationToken cancellationToken)
    {
        if (await db.People.FindAsync([changed.OrganizationId, changed.UserId], cancellationToken) is { } person)
        {
            person.Role = changed.ToRole;
            members.Forget(changed.OrganizationId, changed.UserId);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task HandleAsync(MemberLeft left, CancellationToken cancellationToken)
    {
        if (await db.People.FindAsync([left.OrganizationId, left.UserId], cancellationToken) is { } person)
        {
            person.Active = false;
            members.Forget(left.OrganizationId, left.UserId);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
