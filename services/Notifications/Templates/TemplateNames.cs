namespace Platform.Notifications.Templates;

/// <summary>The notification templates, and the values each one's text uses.</summary>
public static class TemplateNames
{
    /// <summary>actor, key, title.</summary>
    public const string Assigned = "assigned";

    /// <summary>actor, key, title, from, to.</summary>
    public const string Moved = "moved";

    /// <summary>actor, key, title, text (the comment).</summary>
    public const string MentionedInComment = "mentioned-in-comment";

    /// <summary>actor, key, title, text (the comment).</summary>
    public const string Commented = "commented";

    /// <summary>key, title, level, reasons.</summary>
    public const string AtRisk = "at-risk";

    /// <summary>key, pullRequest (its title), reference (repository#number), url.</summary>
    public const string Merged = "merged";

    /// <summary>key, title, message (the rule's).</summary>
    public const string RuleMessage = "rule-message";

    /// <summary>document (its title), version.</summary>
    public const string MentionedInDocument = "mentioned-in-document";

    /// <summary>key, title, due (a date).</summary>
    public const string DueToday = "due-today";

    /// <summary>key, title, due (a date).</summary>
    public const string DueSoon = "due-soon";

    /// <summary>name (the token's), scopes, expires (a date).</summary>
    public const string TokenCreated = "token-created";

    /// <summary>name (the new owner's).</summary>
    public const string OwnerAdded = "owner-added";

    /// <summary>url (the endpoint's), reason.</summary>
    public const string EndpointDisabled = "endpoint-disabled";

    /// <summary>name (the file's), signature (what the scanner found).</summary>
    public const string FileQuarantined = "file-quarantined";

    public static readonly string[] All =
        [Assigned, Moved, MentionedInComment, Commented, AtRisk, Merged, RuleMessage, MentionedInDocument, DueToday, DueSoon, TokenCreated, OwnerAdded, EndpointDisabled,
        FileQuarantined];
}
