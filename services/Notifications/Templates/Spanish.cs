using System.Globalization;

namespace Platform.Notifications.Templates;

internal static class Spanish
{
    public static readonly Language Texts = new("Español", CultureInfo.GetCultureInfo("es-ES"), new Dictionary<string, NoticeTemplate>
    {
        [TemplateNames.Assigned] = new("{actor} te asignó {key}: {title}", "{title}\nAhora eres responsable de {key}."),
        [TemplateNames.Moved] = new("{actor} movió {key} a {to}", "{title}\n{from} → {to}"),
        [TemplateNames.MentionedInComment] = new("{actor} te mencionó en {key}: {title}", "{text}"),
        [TemplateNames.Commented] = new("{actor} comentó en {key}: {title}", "{text}"),
        [TemplateNames.AtRisk] = new("{key} tiene un riesgo {level}: {title}", "{reasons}"),
        [TemplateNames.Merged] = new("Pull request fusionada para {key}: {pullRequest}", "{reference} {pullRequest}\n{url}"),
        [TemplateNames.RuleMessage] = new("{key}: {message}", "{title}\n{message}"),
        [TemplateNames.MentionedInDocument] = new("Te mencionaron en {document}", "{document} te menciona (versión {version})."),
        [TemplateNames.DueToday] = new("{key} vence hoy: {title}", "{title}\nVence el {due}."),
        [TemplateNames.DueSoon] = new("{key} vence el {due}: {title}", "{title}\nVence el {due}."),
        [TemplateNames.TokenCreated] = new(
            "Se creó un token de acceso personal: {name}",
            "Permisos: {scopes}. Caduca el {expires}.\nSi no lo creaste tú, revócalo ahora en Ajustes → Tokens."),
        [TemplateNames.OwnerAdded] = new(
            "{name} es ahora propietario de la organización",
            "{name} puede ahora administrar la organización: miembros, roles, integraciones y clientes de máquina.\nSi no era lo previsto, cambia su rol en Ajustes → Organización."),
        [TemplateNames.EndpointDisabled] = new("Endpoint de webhook desactivado: {url}", "{reason}\nCorrige el receptor y vuelve a activar el endpoint."),
        [TemplateNames.FileQuarantined] = new(
            "Tu archivo {name} está en cuarentena",
            "El antivirus encontró {signature} en él. Nadie puede descargarlo; bórralo y revisa el equipo del que vino."),
    }, new MailWords(
        Open: "Abrir en Platform",
        OpenText: "Ábrelo: {link}",
        DigestHeading: "{count} notificaciones",
        DigestSubject: "{count} notificaciones: {latest}",
        Footer: "Elige qué llega por correo, y cuándo: {settings}",
        SettingsLink: "ajustes de notificaciones",
        SentBy: "Enviado para {organization} por Platform."));
}
