using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Ai.Api;
using Platform.Ai.Resources;

namespace Platform.Ai.Prompts;

/// <summary>Completions for prompt and resource-template arguments: project keys, task keys, document ids, the organization.</summary>
public static class Completions
{
    private const int MaxValues = 100;

    public static async ValueTask<CompleteResult> CompleteAsync(RequestContext<CompleteRequestParams> request, CancellationToken cancellationToken)
    {
        var api = request.Services!.GetRequiredService<PlatformApi>();
        var argument = request.Params!.Argument;
        var prefix = argument.Value ?? "";
        IEnumerable<string> values = argument.Name switch
        {
            "project" => (await api.GetAsync<List<ProjectSummary>>($"{PlatformApi.Projects}/projects", cancellationToken)).Select(p => p.Key),
            "key" => await TaskKeysAsync(api, prefix, cancellationToken),
            "document" or "id" => (await api.GetAsync<List<DocumentSummary>>($"{PlatformApi.Collaboration}/documents", cancellationToken)).Select(d => d.Id.ToString()),
            "org" => [PlatformResources.Organization(request.Services!.GetRequiredService<IHttpContextAccessor>().HttpContext!)],
            _ => [],
        };
        var matches = values.Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        return new CompleteResult
        {
            Completion = new Completion { Values = [.. matches.Take(MaxValues)], Total = matches.Count, HasMore = matches.Count > MaxValues },
        };
    }

    /// <summary>Task keys of the project the prefix names (PLAT- or PLAT-1); nothing until a project key is typed.</summary>
    private static async Task<IEnumerable<string>> TaskKeysAsync(PlatformApi api, string prefix, CancellationToken cancellationToken)
    {
        var project = prefix.Split('-')[0].ToUpperInvariant();
        if (project.Length == 0 || !prefix.Contains('-', StringComparison.Ordinal))
        {
            var projects = await api.GetAsync<List<ProjectSummary>>($"{PlatformApi.Projects}/projects", cancellationToken);
            return projects.Select(p => p.Key + "-");
        }
        var tasks = await api.GetAsync<Page<TaskSummary>>($"{PlatformApi.Projects}/projects/{Uri.EscapeDataString(project)}/tasks?limit=100", cancellationToken);
        return tasks.Items.Select(t => t.Key);
    }
}
