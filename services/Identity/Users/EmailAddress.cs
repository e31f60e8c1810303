namespace Platform.Identity.Users;

/// <summary>What an email address must look like wherever one is given (sign-up, invitations).</summary>
public static class EmailAddress
{
    public const int MaxLength = 256;

    public const string Requirement = "A valid email address of at most 256 characters is required.";

    public static bool IsPlausible(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Contains('@', StringComparison.Ordinal) && email.Trim().Length <= MaxLength;
}
