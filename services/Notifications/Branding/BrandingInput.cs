using System.Text.RegularExpressions;
using Platform.Notifications.Data;

namespace Platform.Notifications.Branding;

/// <summary>How the organization's mail looks (its name comes from the identity service): an accent colour and a logo.</summary>
public sealed partial record BrandingInput(string? AccentColor, string? LogoUrl)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (AccentColor is not null && !IsColor(AccentColor))
        {
            errors["accentColor"] = ["A colour as #rrggbb, like #0f766e."];
        }

        if (LogoUrl is not null && !IsLogo(LogoUrl))
        {
            errors["logoUrl"] = ["An https address of an image, at most 500 characters."];
        }

        return errors;
    }

    public static bool IsColor(string value) => Color().IsMatch(value);

    public static bool IsLogo(string value) =>
        value.Length <= 500 && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Color();
}

public sealed record BrandingView(string? Name, string? AccentColor, string? LogoUrl)
{
    public static BrandingView Of(OrganizationBranding? b) => new(b?.Name, b?.AccentColor, b?.LogoUrl);
}
