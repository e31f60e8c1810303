using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Files.Data;

namespace Platform.Files.Attachments;

/// <summary>What a file is attached to, found and checked by the service that owns it.</summary>
public sealed record AttachmentTarget(string Kind, Guid TargetId, Guid? TaskId, Guid? ProjectId);

/// <summary>
/// Finds a task (by key), a comment (on its task) or a document (by id) by asking the projects or collaboration service
/// as the caller (their own token): a file is only ever attached to what its uploader can see, in their organization,
/// and a target that is not found is a 404 as in those services.
/// </summary>
public sealed class AttachmentTargets(HttpClient http, IHttpContextAccessor context)
{
    public const string Projects = "http://projects";
    public const string Collaboration = "http://collaboration";

    /// <summary>The target named by <paramref name="task"/> (with <paramref name="comment"/>) or <paramref name="document"/>; null when it is not found.</summary>
    public async Task<AttachmentTarget?> FindAsync(string? task, Guid? comment, Guid? document, CancellationToken cancellationToken)
    {
        if (document is { } documentId)
        {
            var found = await GetAsync<DocumentReference>($"{Collaboration}/documents/{documentId}/metadata", cancellationToken);
            return found is null ? null : new AttachmentTarget(TargetKinds.Document, documentId, null, found.ProjectId);
        }

        var taskFound = await GetAsync<TaskReference>($"{Projects}/tasks/{Uri.EscapeDataString(task!.Trim())}", cancellationToken);
        return taskFound is null ? null
            : comment is { } commentId ? new AttachmentTarget(TargetKinds.Comment, commentId, taskFound.Id, null)
            : new AttachmentTarget(TargetKinds.Task, taskFound.Id, taskFound.Id, null);
    }

    private async Task<T?> GetAsync<T>(string url, CancellationToken cancellationToken) where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            PersonalAccessTokenHandler.BearerToken(context.HttpContext!.Request) ?? throw new InvalidOperationException("The request carries no bearer token."));
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken);
    }

    private sealed record TaskReference(Guid Id);

    private sealed record DocumentReference(Guid ProjectId);
}
