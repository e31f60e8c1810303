using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Platform.Collaboration.Documents;

/// <summary>
/// Finds a project in the projects service as the calling user (their token is forwarded), so a document can only be
/// made in a project the caller can see; another organization's project is simply not found.
/// </summary>
public sealed class ProjectDirectory(HttpClient http)
{
    public sealed record ProjectRef(Guid Id, string Key);

    public async Task<ProjectRef?> FindAsync(string key, string bearerToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/projects/{Uri.EscapeDataString(key.Trim().ToUpperInvariant())}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return new ProjectRef(body.RootElement.GetProperty("id").GetGuid(), body.RootElement.GetProperty("key").GetString()!);
    }
}
