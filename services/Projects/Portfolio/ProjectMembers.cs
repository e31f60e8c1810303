using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;

namespace Platform.Projects.Portfolio;

/// <summary>Who belongs to a project: whoever is given one of its tasks becomes a member, and anyone can be added.</summary>
public static class ProjectMembers
{
    /// <summary>The project's members, longest-standing first; null when there is no such project.</summary>
    public static async Task<MemberView[]?> ListAsync(ProjectsDbContext db, ProjectCache projects, string key, CancellationToken cancellationToken)
    {
        if (await projects.FindAsync(key, cancellationToken) is not { } project)
        {
            return null;
        }

        return await db.Members.AsNoTracking().Where(m => m.ProjectId == project.Id).OrderBy(m => m.AddedAt)
            .Select(m => new MemberView(m.UserId, m.Role, m.AddedAt)).ToArrayAsync(cancellationToken);
    }

    /// <summary>Adds the user (a member unless <paramref name="role"/> says otherwise) or gives them the role; null when there is no such project.</summary>
    public static async Task<ProjectMember?> PutAsync(ProjectsDbContext db, string key, Guid userId, MemberRole? role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await ProjectFinder.FindAsync(db, key, cancellationToken) is not { } project)
        {
            return null;
        }

        var member = await db.Members.SingleOrDefaultAsync(m => m.ProjectId == project.Id && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            db.Members.Add(member = new ProjectMember { ProjectId = project.Id, UserId = userId, OrganizationId = project.OrganizationId, AddedAt = now });
        }

        member.Role = role ?? member.Role;
        await db.SaveChangesAsync(cancellationToken);
        return member;
    }

    /// <summary>False when there is no such project or the user is not a member of it.</summary>
    public static async Task<bool> RemoveAsync(ProjectsDbContext db, string key, Guid userId, CancellationToken cancellationToken)
    {
        if (await ProjectFinder.FindAsync(db, key, cancellationToken) is not { } project)
        {
            return false;
        }

        return await db.Members.Where(m => m.ProjectId == project.Id && m.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Makes the user a member unless they are one already (no-op for nobody); in the caller's transaction.</summary>
    public static async Task EnsureAsync(ProjectsDbContext db, Guid projectId, Guid organizationId, Guid? userId, MemberRole role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (userId is not { } id)
        {
            return;
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO project_members (project_id, user_id, organization_id, role, added_at)
            VALUES ({projectId}, {id}, {organizationId}, {role.ToString()}, {now}) ON CONFLICT DO NOTHING
            """, cancellationToken);
    }
}
