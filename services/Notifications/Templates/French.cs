using System.Globalization;

namespace Platform.Notifications.Templates;

internal static class French
{
    public static readonly Language Texts = new("Français", CultureInfo.GetCultureInfo("fr-FR"), new Dictionary<string, NoticeTemplate>
    {
        [TemplateNames.Assigned] = new("{actor} vous a assigné {key} : {title}", "{title}\nVous êtes maintenant responsable de {key}."),
        [TemplateNames.Moved] = new("{actor} a déplacé {key} vers {to}", "{title}\n{from} → {to}"),
        [TemplateNames.MentionedInComment] = new("{actor} vous a mentionné sur {key} : {title}", "{text}"),
        [TemplateNames.Commented] = new("{actor} a commenté {key} : {title}", "{text}"),
        [TemplateNames.AtRisk] = new("{key} présente un risque {level} : {title}", "{reasons}"),
        [TemplateNames.Merged] = new("Pull request fusionnée pour {key} : {pullRequest}", "{reference} {pullRequest}\n{url}"),
        [TemplateNames.RuleMessage] = new("{key} : {message}", "{title}\n{message}"),
        [TemplateNames.MentionedInDocument] = new("Vous avez été mentionné dans {document}", "{document} vous mentionne (version {version})."),
        [TemplateNames.DueToday] = new("{key} est à rendre aujourd'hui : {title}", "{title}\nÉchéance : {due}."),
        [TemplateNames.DueSoon] = new("{key} est à rendre le {due} : {title}", "{title}\nÉchéance : {due}."),
        [TemplateNames.TokenCreated] = new(
            "Un jeton d'accès personnel a été créé : {name}",
            "Portées : {scopes}. Expire le {expires}.\nSi vous ne l'avez pas créé, révoquez-le maintenant dans Paramètres → Jetons."),
        [TemplateNames.OwnerAdded] = new(
            "{name} est désormais propriétaire de l'organisation",
            "{name} peut désormais administrer l'organisation : membres, rôles, intégrations et clients machines.\nSi ce n'était pas voulu, changez son rôle dans Paramètres → Organisation."),
        [TemplateNames.EndpointDisabled] = new("Point de terminaison webhook désactivé : {url}", "{reason}\nCorrigez le récepteur, puis réactivez le point de terminaison."),
        [TemplateNames.FileQuarantined] = new(
            "Votre fichier {name} a été mis en quarantaine",
            "L'antivirus y a trouvé {signature}. Personne ne peut le télécharger ; supprimez-le et vérifiez l'ordinateur d'où il vient."),
    }, new MailWords(
        Open: "Ouvrir dans Platform",
        OpenText: "Ouvrir : {link}",
        DigestHeading: "{count} notifications",
        DigestSubject: "{count} notifications : {latest}",
        Footer: "Choisissez ce qui arrive par e-mail, et quand : {settings}",
        SettingsLink: "paramètres des notifications",
        SentBy: "Envoyé pour {organization} par Platform."));
}
