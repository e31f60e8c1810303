using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;

namespace Platform.Projects.Portfolio;

/// <summary>Who belongs to a project: whoever is given one of its tasks becomes a member.</summary>
public static class ProjectMembers
{
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
