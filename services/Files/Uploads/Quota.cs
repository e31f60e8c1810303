using Microsoft.EntityFrameworkCore;
using Platform.Files.Data;

namespace Platform.Files.Uploads;

/// <summary>
/// An organization's bytes against its quota: an upload takes its declared size when it is announced, in one statement
/// that refuses it if the sum would pass the quota (two uploads at once cannot both squeeze in), and gives it back when
/// the file goes. Inside the caller's transaction and organization.
/// </summary>
public static class Quota
{
    /// <summary>Takes <paramref name="bytes"/> for one more file; false if that would pass <paramref name="quotaBytes"/>.</summary>
    public static async Task<bool> TryTakeAsync(FilesDbContext db, Guid organizationId, long bytes, long quotaBytes, CancellationToken cancellationToken) =>
        bytes <= quotaBytes && (await db.Database.SqlQuery<long>($"""
            INSERT INTO organization_usage (organization_id, bytes, files) VALUES ({organizationId}, {bytes}, 1)
            ON CONFLICT (organization_id) DO UPDATE SET bytes = organization_usage.bytes + excluded.bytes, files = organization_usage.files + 1
                WHERE organization_usage.bytes + excluded.bytes <= {quotaBytes}
            RETURNING bytes AS "Value"
            """).ToListAsync(cancellationToken)).Count == 1;

    /// <summary>Gives back the bytes of <paramref name="files"/> files that are gone.</summary>
    public static Task GiveBackAsync(FilesDbContext db, Guid organizationId, long bytes, int files, CancellationToken cancellationToken) =>
        db.Usage.Where(u => u.OrganizationId == organizationId).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Bytes, x => Math.Max(0, x.Bytes - bytes))
            .SetProperty(x => x.Files, x => Math.Max(0, x.Files - files)), cancellationToken);
}
