using System.Text.Json;
using Platform.Contracts;

namespace Platform.Webhooks.Inbound;

/// <summary>
/// Any other sender (a CI/CD server, a script) posts Standard Webhooks messages, <c>{"type": ..., "data": {...}}</c>.
/// <c>check.changed</c> reports a build or deployment as a code host's check does: <c>data</c> has name, status (queued,
/// in_progress, completed), conclusion, url, and the repository, branch, sha and taskKeys it concerns.
/// </summary>
public static class GenericTranslator
{
    public const string CheckChangedType = "check.changed";

    private static readonly string[] Statuses = ["queued", "in_progress", "completed"];

    public static Translation Translate(Sender sender, string type, JsonElement payload)
    {
        if (type != CheckChangedType)
        {
            return Translation.Nothing($"{(type.Length == 0 ? "a message without a type" : type)}: not used by the platform (send {CheckChangedType})");
        }

        var data = payload.TryGetProperty("data", out var given) ? given : default;
        var status = data.Text("status");
        if (!Statuses.Contains(status) || data.Text("name").Length == 0)
        {
            return Translation.Nothing($"{CheckChangedType} needs data.name and data.status ({string.Join(", ", Statuses)})");
        }

        var branch = data.Text("branch");
        var named = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("taskKeys", out var keys) && keys.ValueKind == JsonValueKind.Array
            ? keys.EnumerateArray().Select(k => k.ValueKind == JsonValueKind.String ? k.GetString()! : "").ToArray()
            : [];
        var taskKeys = TaskMentions.Union(TaskMentions.InBranch(branch), TaskMentions.In(named));
        var conclusion = data.Text("conclusion");
        var check = new CheckChanged(sender.IntegrationId, sender.Provider, data.Text("repository"), data.Text("name"), status, conclusion.Length == 0 ? null : conclusion,
            data.Text("sha"), branch, data.Text("url"), [], taskKeys)
        { OrganizationId = sender.OrganizationId, OccurredAt = sender.ReceivedAt };
        return new Translation([check], $"check {check.Name} {status}{(check.Conclusion is { } c ? $" ({c})" : "")}: {GitHubTranslator.Tasks(taskKeys)}");
    }
}
