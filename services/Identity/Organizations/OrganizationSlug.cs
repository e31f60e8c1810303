using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;

namespace Platform.Identity.Organizations;

/// <summary>The lower-case, URL-safe name an organization is known by in addresses.</summary>
public static partial class OrganizationSlug
{
    public static string From(string name)
    {
        var slug = NonSlugCharacters().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 48 ? slug[..48].Trim('-') : slug;
    }

    public static bool IsValid(string slug) => SlugPattern().IsMatch(slug);

    /// <summary>The slug of <paramref name="name"/>, with a short random suffix when another organization has it.</summary>
    public static async Task<string> UniqueAsync(IdentityDataContext database, string name, CancellationToken cancellationToken)
    {
        var slug = From(name);
        return await database.Organizations.AnyAsync(o => o.Slug == slug, cancellationToken) ? WithSuffix(slug) : slug;
    }

    public static string WithSuffix(string slug) => $"{slug}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>The insert failed because another organization took the slug after it was checked.</summary>
    public static bool WasTaken(DbUpdateException e) =>
        e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_organizations_slug" };

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlugCharacters();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex SlugPattern();
}
