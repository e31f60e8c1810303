namespace Platform.Web.Components.Notifications;

/// <summary>The kinds of notification as a person reads them on the preferences page, in the notifications service's words.</summary>
public static class NoticeKindNames
{
    public static readonly (string Kind, string Name)[] All =
    [
        ("assigned", "A task is assigned to you"),
        ("mentioned", "You are mentioned in a comment or document"),
        ("comment", "A task you watch gets a comment"),
        ("state", "A task you watch moves"),
        ("due-soon", "A task assigned to you is due tomorrow"),
        ("risk", "A task of yours or that you watch becomes at risk"),
        ("merged", "A pull request linked to your task is merged"),
        ("rule", "An automation rule notifies you"),
        ("endpoint-disabled", "A webhook endpoint you made is disabled"),
    ];

    /// <summary>Sent whatever is chosen: security notices.</summary>
    public static readonly (string Kind, string Name)[] Critical =
    [
        ("token-created", "A personal access token is created in your name"),
        ("owner-added", "Someone becomes an owner of the organization"),
        ("file-quarantined", "The virus scanner finds something in a file you uploaded"),
    ];
}
