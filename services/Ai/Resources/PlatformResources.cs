using System.ComponentModel;
using System.Security.Claims;
using System.Text.RegularExpressions;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Ai.Api;
using Platform.Ai.Tools;

namespace Platform.Ai.Resources;

/// <summary>
/// Tasks and documents as MCP resources, addressed within the caller's organization: <c>platform://{org}/tasks/{key}</c>
/// and <c>platform://{org}/docs/{id}</c>. Another organization's address, like an unknown one, is not found.
/// </summary>
[McpServerResourceType]
public sealed partial class PlatformResources(PlatformApi api, IHttpContextAccessor context)
{
    public const string TaskTemplate = "platform://{org}/tasks/{key}";
    public const string DocumentTemplate = "platform://{org}/docs/{id}";

    [McpServerResource(UriTemplate = TaskTemplate, Name = "task", Title = "Task", MimeType = "application/json")]
    [Description("A task (key like PLAT-12) with its description, state, assignee, priority, labels, estimates and dates.")]
    public Task<string> Task(string org, string key, CancellationToken cancellationToken) =>
        FindAsync(org, async () => JsonSerializer.Serialize(
            await api.GetAsync<TaskDetails>($"{PlatformApi.Projects}/tasks/{Arguments.Key(key, nameof(key))}", cancellationToken), JsonSerializerOptions.Web));

    [McpServerResource(UriTemplate = DocumentTemplate, Name = "document", Title = "Document", MimeType = "text/markdown")]
    [Description("A document's current markdown text.")]
    public Task<string> Document(string org, string id, CancellationToken cancellationToken) =>
        FindAsync(org, async () => Guid.TryParse(id, out var documentId)
            ? (await api.GetAsync<DocumentContent>($"{PlatformApi.Collaboration}/documents/{documentId}", cancellationToken)).Content
            : throw new PlatformNotFoundException($"'{id}' is not a document id."));

    /// <summary>The caller's organization id, the first segment of every resource address.</summary>
    public static string Organization(HttpContext context) => Organization(context.User);

    public static string Organization(ClaimsPrincipal user) => user.FindFirst(PlatformClaimTypes.Organization)?.Value ?? "";

    public static string TaskUri(Guid organization, string key) => $"platform://{organization}/tasks/{key}";

    public static string DocumentUri(Guid organization, Guid id) => $"platform://{organization}/docs/{id}";

    /// <summary>The parts of a task's or document's address, or null when it is neither.</summary>
    public static Address? Parse(string uri)
    {
        var match = AddressPattern().Match(uri);
        return match.Success ? new Address(match.Groups["org"].Value, match.Groups["kind"].Value == "tasks", match.Groups["id"].Value) : null;
    }

    public sealed record Address(string Organization, bool IsTask, string Id);

    [GeneratedRegex("^platform://(?<org>[0-9a-fA-F-]{36})/(?<kind>tasks|docs)/(?<id>[A-Za-z0-9-]{1,36})$")]
    private static partial Regex AddressPattern();

    private async Task<string> FindAsync(string org, Func<Task<string>> read)
    {
        try
        {
            return string.Equals(org, Organization(context.HttpContext!), StringComparison.OrdinalIgnoreCase)
                ? await read()
                : throw new PlatformNotFoundException("No such resource in your organization.");
        }
        catch (PlatformNotFoundException e)
        {
            throw new McpProtocolException($"Resource not found. {e.Message}", McpErrorCode.ResourceNotFound);
        }
    }
}
