using Platform.Identity.AccessTokens;
using Platform.Identity.Organizations;
using Platform.Identity.Tokens;

namespace Platform.Identity.Tests;

public class RoleAndScopeRulesTests
{
    [Theory]
    [InlineData(OrganizationRole.Owner, OrganizationRole.Owner, true)]
    [InlineData(OrganizationRole.Admin, OrganizationRole.Admin, true)]
    [InlineData(OrganizationRole.Admin, OrganizationRole.Owner, false)]
    [InlineData(OrganizationRole.Member, OrganizationRole.Viewer, false)]
    [InlineData(OrganizationRole.Viewer, OrganizationRole.Viewer, false)]
    public void Only_owners_and_admins_grant_roles_and_only_owners_grant_ownership(OrganizationRole granter, OrganizationRole role, bool allowed) =>
        Assert.Equal(allowed, OrganizationRoles.MayGrant(granter, role));

    [Theory]
    [InlineData("owner", OrganizationRole.Owner)]
    [InlineData("Viewer", OrganizationRole.Viewer)]
    [InlineData("emperor", null)]
    [InlineData("3", null)]
    [InlineData(null, null)]
    public void Roles_are_parsed_by_name_only(string? text, OrganizationRole? expected) =>
        Assert.Equal(expected, OrganizationRoles.ParseRole(text));

    [Fact]
    public void A_viewer_loses_write_scopes_and_unknown_scopes_are_dropped()
    {
        var granted = TokenPrincipal.GrantedScopes(["projects:read", "projects:write", "docs:write", "admin:all", "projects:read"], OrganizationRole.Viewer);

        Assert.Equal(["projects:read"], granted);
    }

    [Fact]
    public void A_member_keeps_the_write_scopes_asked_for() =>
        Assert.Equal(["projects:write", "docs:read"], TokenPrincipal.GrantedScopes(["projects:write", "docs:read"], OrganizationRole.Member));

    [Theory]
    [InlineData("My Team", "my-team")]
    [InlineData("  Ünïcode & Co!  ", "n-code-co")]
    [InlineData("!!!", "")]
    public void Organization_slugs_are_lower_case_letters_digits_and_dashes(string name, string slug) =>
        Assert.Equal(slug, OrganizationSlug.From(name));

    [Fact]
    public void A_personal_access_token_is_active_until_it_expires_or_is_revoked()
    {
        var now = DateTimeOffset.UtcNow;
        var token = new PersonalAccessToken { Name = "ci", Scopes = ["projects:read"], SecretHash = [1], DisplayPrefix = "plat_x", ExpiresAt = now.AddDays(1) };

        Assert.True(token.IsActive(now));
        Assert.False(token.IsActive(now.AddDays(2)));
        token.RevokedAt = now;
        Assert.False(token.IsActive(now));
    }

    [Fact]
    public void Secrets_are_long_random_and_stored_only_as_a_hash()
    {
        var first = PersonalAccessToken.NewSecret();
        var second = PersonalAccessToken.NewSecret();

        Assert.StartsWith("plat_", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.True(first.Length >= 45);
        Assert.Equal(32, PersonalAccessToken.Hash(first).Length);
        Assert.Equal(PersonalAccessToken.Hash(first), PersonalAccessToken.Hash(first));
    }
}
