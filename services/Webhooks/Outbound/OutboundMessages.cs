using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;

namespace Platform.Webhooks.Outbound;

/// <summary>
/// An event as each kind of endpoint takes it: Standard Webhooks' <c>{"type", "timestamp", "data"}</c> with the event's
/// own fields (a document's text left out: receivers read it from the API), a Slack message in Block Kit, or a Teams
/// message carrying an Adaptive Card. Chat messages link to the web client (<c>Webhooks:WebAddress</c>).
/// </summary>
public static class OutboundMessages
{
    public const string Standard = "standard";
    public const string Slack = "slack";
    public const string Teams = "teams";

    public static readonly string[] Formats = [Standard, Slack, Teams];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The Standard Webhooks <c>webhook-id</c> of a delivery: the same on every attempt, so receivers drop repeats.</summary>
    public static string MessageId(Guid deliveryId) => $"msg_{deliveryId:N}";

    public static string Build(string format, string type, IntegrationEvent happened, Uri? webAddress) => format switch
    {
        Slack => SlackMessage(EventSummaries.Describe(happened), type, webAddress),
        Teams => TeamsMessage(EventSummaries.Describe(happened), type, webAddress),
        _ => StandardMessage(type, happened),
    };

    /// <summary>A notification, in its recipient's words, as a Slack or Teams message linking to it in the web app.</summary>
    public static string Notification(string format, string kind, string title, string body, string? url)
    {
        var summary = new EventSummary($"{title}\n{body}".Trim(), url ?? "inbox", "Open in Platform");
        // The notification's link is absolute; without it, the inbox relative to the web app (or no link at all).
        var webAddress = url is null ? null : new Uri(url);
        return format == Teams ? TeamsMessage(summary, kind, webAddress) : SlackMessage(summary, kind, webAddress);
    }

    private static string StandardMessage(string type, IntegrationEvent happened)
    {
        var data = JsonSerializer.SerializeToNode(happened, happened.GetType(), Json)!.AsObject();
        data.Remove("text");
        return new JsonObject
        {
            ["type"] = type,
            ["timestamp"] = happened.OccurredAt.ToUniversalTime().ToString("O"),
            ["data"] = data,
        }.ToJsonString();
    }

    private static string SlackMessage(EventSummary summary, string type, Uri? webAddress)
    {
        var link = webAddress is null ? null : new Uri(webAddress, summary.Path).ToString();
        var text = link is null ? Escape(summary.Text) : $"<{link}|{Escape(summary.Text)}>";
        return new JsonObject
        {
            ["text"] = summary.Text,
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } },
                new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"Platform · `{type}`" }) }),
        }.ToJsonString();
    }

    private static string TeamsMessage(EventSummary summary, string type, Uri? webAddress)
    {
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["text"] = summary.Text, ["wrap"] = true, ["weight"] = "Bolder" },
                new JsonObject { ["type"] = "TextBlock", ["text"] = $"Platform · {type}", ["wrap"] = true, ["isSubtle"] = true, ["size"] = "Small" }),
        };
        if (webAddress is not null)
        {
            card["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = summary.LinkTitle, ["url"] = new Uri(webAddress, summary.Path).ToString() });
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card }),
        }.ToJsonString();
    }

    /// <summary>Slack's mrkdwn treats &amp;, &lt; and &gt; as control characters.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
