using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Notifications.Data;

namespace Platform.Notifications.Branding;

/// <summary>The organization's look in mail.</summary>
public sealed class BrandingBook(NotificationsDbContext db, TenantContext tenant)
{
    public Task<OrganizationBranding?> CurrentAsync(CancellationToken cancellationToken) =>
        db.Brandings.AsNoTracking().SingleOrDefaultAsync(b => b.OrganizationId == tenant.RequiredOrganizationId, cancellationToken);

    /// <summary>The accent colour and logo as given (absent: cleared); the name stays the identity service's.</summary>
    public async Task<OrganizationBranding> PutAsync(BrandingInput input, CancellationToken cancellationToken)
    {
        var organizationId = tenant.RequiredOrganizationId;
        var branding = await db.Brandings.SingleOrDefaultAsync(b => b.OrganizationId == organizationId, cancellationToken);
        if (branding is null)
        {
            db.Brandings.Add(branding = new OrganizationBranding { OrganizationId = organizationId });
        }

        (branding.AccentColor, branding.LogoUrl) = (input.AccentColor, input.LogoUrl);
        await db.SaveChangesAsync(cancellationToken);
        return branding;
    }
}
