using Platform.Web.Api;

namespace Platform.Web.Files;

/// <summary>
/// The web app's own addresses for attachments. A file's download links are signed and last minutes, so a page (or a
/// document's markdown) links to <c>/files/{id}</c> here instead: each visit asks the API, as the signed-in person, for
/// a fresh link and is sent there. And the editor's pasted or dropped images are attached to their document here.
/// </summary>
internal static class FileRoutes
{
    /// <summary>Sent by this site's editor script only: a form on another site cannot set it, so it cannot post files in someone's name.</summary>
    public const string UploadHeader = "X-Platform-Upload";

    private static readonly TimeSpan ScanPoll = TimeSpan.FromMilliseconds(500);
    private const int ScanWaits = 40;

    public static IEndpointRouteBuilder MapFileRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/{id:guid}/{variant?}", OpenAsync).RequireAuthorization();
        app.MapPost("/files/documents/{documentId:guid}", AttachToDocumentAsync).RequireAuthorization().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> OpenAsync(Guid id, string? variant, HttpContext http, PlatformApi api, IConfiguration configuration)
    {
        var file = await api.SendAsync<AttachmentView>(http.User, HttpMethod.Get, $"/api/files/files/{id}", null, http.RequestAborted);
        if (file.Problem is { } problem)
        {
            return Results.Problem(statusCode: problem.Status, title: problem.Title, detail: problem.Detail);
        }

        var links = file.Value!.Links;
        var link = (variant ?? "original") switch
        {
            "original" => links?.Original,
            "thumbnail" => links?.Thumbnail,
            "web" => links?.Web ?? links?.Original,
            _ => null,
        };
        return link is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not available",
                detail: file.Value.Status == "clean" ? $"{file.Value.Name} has no {variant}." : $"{file.Value.Name} is {file.Value.Status}.")
            : Results.Redirect(new Uri(PublicGateway(configuration), link).ToString());
    }

    private static async Task<IResult> AttachToDocumentAsync(Guid documentId, string? name, HttpContext http, PlatformApi api)
    {
        if (!http.Request.Headers.ContainsKey(UploadHeader) || http.Request.ContentLength is not { } length)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an upload of this site",
                detail: $"Upload from the editor (it sends {UploadHeader} and the file's length).");
        }

        var attached = await api.SendAsync<AttachmentView>(http.User, HttpMethod.Post,
            $"/api/files/files?name={Uri.EscapeDataString(name ?? "pasted-image.png")}&document={documentId}",
            PlatformApi.Upload(http.Request.Body, length), http.RequestAborted);
        if (attached.Problem is { } refused)
        {
            return Results.Problem(statusCode: refused.Status, title: refused.Title, detail: refused.Message);
        }

        // The markdown goes into the text once the image can be shown: scanned (an image takes a moment), its web copy made.
        var file = attached.Value!;
        for (var wait = 0; file.Status == "pending" && wait < ScanWaits; wait++)
        {
            await Task.Delay(ScanPoll, http.RequestAborted);
            file = (await api.SendAsync<AttachmentView>(http.User, HttpMethod.Get, $"/api/files/files/{file.Id}", null, http.RequestAborted)).Value ?? file;
        }

        return file.Status switch
        {
            "clean" => Results.Ok(new { file.Id, file.Name, Markdown = $"![{file.Name}](/files/{file.Id}/web)" }),
            "infected" => Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Quarantined",
                detail: $"The virus scanner found {file.Signature} in {file.Name}."),
            _ => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not scanned yet",
                detail: $"{file.Name} is attached but not scanned yet; it shows in the document's attachments once it is."),
        };
    }

    /// <summary>The gateway's address as browsers reach it (<c>Web:PublicGatewayAddress</c>, set by the AppHost).</summary>
    public static Uri PublicGateway(IConfiguration configuration) => new(configuration["Web:PublicGatewayAddress"] ?? "http://localhost:5080");
}
