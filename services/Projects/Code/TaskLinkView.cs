using System.Text.Json;
using Platform.Projects.Data;
using Platform.Projects.Http;

namespace Platform.Projects.Code;

/// <summary>A pull request, commit or check linked to a task, with its CI checks (name, status, conclusion, address, time).</summary>
public sealed record TaskLinkView(
    string Kind, string Provider, string Repository, string Reference, string Title, string Url, string Author, string Branch, string? State,
    LinkCheckView[] Checks, DateTimeOffset LinkedAt, DateTimeOffset UpdatedAt)
{
    public static TaskLinkView Of(TaskLink link) => new(
        link.Kind, link.Provider, link.Repository, link.Reference, link.Title, link.Url, link.Author, link.Branch, link.State,
        [.. (JsonSerializer.Deserialize<Dictionary<string, LinkCheck>>(link.Checks, ApiJson.Options) ?? [])
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new LinkCheckView(c.Key, c.Value.Status, c.Value.Conclusion, c.Value.Url, c.Value.At))],
        link.LinkedAt, link.UpdatedAt);
}

public sealed record LinkCheckView(string Name, string Status, string? Conclusion, string Url, DateTimeOffset At);
