using System.Globalization;

namespace Platform.Notifications.Templates;

internal static class German
{
    public static readonly Language Texts = new("Deutsch", CultureInfo.GetCultureInfo("de-DE"), new Dictionary<string, NoticeTemplate>
    {
        [TemplateNames.Assigned] = new("{actor} hat Ihnen {key} zugewiesen: {title}", "{title}\nSie sind jetzt für {key} zuständig."),
        [TemplateNames.Moved] = new("{actor} hat {key} nach {to} verschoben", "{title}\n{from} → {to}"),
        [TemplateNames.MentionedInComment] = new("{actor} hat Sie in {key} erwähnt: {title}", "{text}"),
        [TemplateNames.Commented] = new("{actor} hat {key} kommentiert: {title}", "{text}"),
        [TemplateNames.AtRisk] = new("{key} hat ein Risiko der Stufe {level}: {title}", "{reasons}"),
        [TemplateNames.Merged] = new("Pull-Request für {key} gemergt: {pullRequest}", "{reference} {pullRequest}\n{url}"),
        [TemplateNames.RuleMessage] = new("{key}: {message}", "{title}\n{message}"),
        [TemplateNames.MentionedInDocument] = new("Sie wurden in {document} erwähnt", "{document} erwähnt Sie (Version {version})."),
        [TemplateNames.DueToday] = new("{key} ist heute fällig: {title}", "{title}\nFällig am {due}."),
        [TemplateNames.DueSoon] = new("{key} ist am {due} fällig: {title}", "{title}\nFällig am {due}."),
        [TemplateNames.TokenCreated] = new(
            "Ein persönliches Zugriffstoken wurde erstellt: {name}",
            "Berechtigungen: {scopes}. Läuft ab am {expires}.\nWenn Sie es nicht erstellt haben, widerrufen Sie es jetzt unter Einstellungen → Tokens."),
        [TemplateNames.OwnerAdded] = new(
            "{name} ist jetzt Eigentümer der Organisation",
            "{name} kann jetzt die Organisation verwalten: Mitglieder, Rollen, Integrationen und Maschinen-Clients.\nWenn das nicht beabsichtigt war, ändern Sie die Rolle unter Einstellungen → Organisation."),
        [TemplateNames.EndpointDisabled] = new("Webhook-Endpunkt deaktiviert: {url}", "{reason}\nBeheben Sie den Empfänger und aktivieren Sie den Endpunkt dann wieder."),
        [TemplateNames.FileQuarantined] = new(
            "Ihre Datei {name} wurde unter Quarantäne gestellt",
            "Der Virenscanner hat darin {signature} gefunden. Niemand kann sie herunterladen; löschen Sie sie und prüfen Sie den Rechner, von dem sie kam."),
    }, new MailWords(
        Open: "In Platform öffnen",
        OpenText: "Öffnen: {link}",
        DigestHeading: "{count} Benachrichtigungen",
        DigestSubject: "{count} Benachrichtigungen: {latest}",
        Footer: "Wählen Sie, was per E-Mail kommt, und wann: {settings}",
        SettingsLink: "Benachrichtigungseinstellungen",
        SentBy: "Gesendet für {organization} von Platform."));
}
