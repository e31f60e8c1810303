using System.Globalization;

namespace Platform.Notifications.Templates;

internal static class English
{
    public static readonly Language Texts = new("English", CultureInfo.GetCultureInfo("en-GB"), new Dictionary<string, NoticeTemplate>
    {
        [TemplateNames.Assigned] = new("{actor} assigned you {key}: {title}", "{title}\nYou are now the assignee of {key}."),
        [TemplateNames.Moved] = new("{actor} moved {key} to {to}", "{title}\n{from} → {to}"),
        [TemplateNames.MentionedInComment] = new("{actor} mentioned you on {key}: {title}", "{text}"),
        [TemplateNames.Commented] = new("{actor} commented on {key}: {title}", "{text}"),
        [TemplateNames.AtRisk] = new("{key} is at {level} risk: {title}", "{reasons}"),
        [TemplateNames.Merged] = new("Pull request merged for {key}: {pullRequest}", "{reference} {pullRequest}\n{url}"),
        [TemplateNames.RuleMessage] = new("{key}: {message}", "{title}\n{message}"),
        [TemplateNames.MentionedInDocument] = new("You were mentioned in {document}", "{document} mentions you (version {version})."),
        [TemplateNames.DueToday] = new("{key} is due today: {title}", "{title}\nDue {due}."),
        [TemplateNames.DueSoon] = new("{key} is due on {due}: {title}", "{title}\nDue {due}."),
        [TemplateNames.TokenCreated] = new(
            "A personal access token was created: {name}",
            "Scopes: {scopes}. Expires {expires}.\nIf you did not create it, revoke it now in Settings → Tokens."),
        [TemplateNames.OwnerAdded] = new(
            "{name} is now an owner of the organization",
            "{name} can now administer the organization: members, roles, integrations and machine clients.\nIf this was not meant, change their role in Settings → Organization."),
        [TemplateNames.EndpointDisabled] = new("Webhook endpoint disabled: {url}", "{reason}\nFix the receiver, then turn the endpoint on again."),
        [TemplateNames.FileQuarantined] = new(
            "Your upload {name} was quarantined",
            "The virus scanner found {signature} in it. Nobody can download it; delete it, and check the computer it came from."),
    }, new MailWords(
        Open: "Open in Platform",
        OpenText: "Open it: {link}",
        DigestHeading: "{count} notifications",
        DigestSubject: "{count} notifications: {latest}",
        Footer: "Choose what comes by email, and when: {settings}",
        SettingsLink: "notification settings",
        SentBy: "Sent for {organization} by Platform."));
}
