using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Data;
using Platform.Files.Attachments;
using Platform.Files.Downloads;

namespace Platform.Files.Uploads;

/// <summary>
/// Uploads by the tus protocol 1.0 (core, creation, creation-with-upload, termination): any tus client resumes an upload
/// that was cut off by asking HEAD where it stands and sending the rest. And the one-request upload for small files and
/// scripts: <c>POST /files?name=…&amp;task=KEY</c> with the file as the body.
/// </summary>
public static class UploadEndpoints
{
    public const string TusVersion = "1.0.0";
    public const string OffsetContentType = "application/offset+octet-stream";

    public static RouteGroupBuilder MapUploadEndpoints(this RouteGroupBuilder api)
    {
        api.MapMethods("/uploads", ["OPTIONS"], Options).WithName("UploadOptions").WithSummary("What this tus server supports").ExcludeFromDescription();
        api.MapPost("/uploads", Create).WithName("CreateUpload")
            .WithSummary("Announce a resumable upload (tus): Upload-Length, Upload-Metadata filename and task (with comment) or document")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapMethods("/uploads/{id:guid}", ["HEAD"], Head).WithName("GetUploadOffset").WithSummary("Where an upload stands (Upload-Offset)");
        api.MapPatch("/uploads/{id:guid}", Append).WithName("AppendToUpload")
            .WithSummary("Send more of an upload from its Upload-Offset (Content-Type application/offset+octet-stream)")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/uploads/{id:guid}", Terminate).WithName("TerminateUpload").WithSummary("Abandon an unfinished upload");
        api.MapPost("/files", UploadWhole).WithName("UploadFile")
            .WithSummary("Upload a whole file in one request: the body is the file; name, and task (with comment) or document, in the query")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static NoContent Options(HttpContext http, IOptions<FilesOptions> options)
    {
        http.Response.Headers["Tus-Version"] = TusVersion;
        http.Response.Headers["Tus-Extension"] = "creation,creation-with-upload,termination,expiration";
        http.Response.Headers["Tus-Max-Size"] = options.Value.MaxUploadBytes.ToString(CultureInfo.InvariantCulture);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> Create(
        HttpContext http, TenantContext tenant, Uploads uploads, AttachmentTargets targets, IOptions<FilesOptions> options, CancellationToken cancellationToken)
    {
        if (TusProblem(http) is { } tusProblem)
        {
            return tusProblem;
        }

        if (http.Request.Headers["Upload-Defer-Length"].Count > 0)
        {
            return TypedResults.Problem(statusCode: 400, title: "Length needed", detail: "Announce the upload with its Upload-Length; deferred lengths are not supported.");
        }

        var metadata = UploadAnnouncement.ParseMetadata(http.Request.Headers["Upload-Metadata"]);
        if (metadata is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Upload-Metadata"] = ["Each value must be base64."] });
        }

        var announcement = new UploadAnnouncement(
            metadata.GetValueOrDefault("filename") ?? metadata.GetValueOrDefault("name"),
            long.TryParse(http.Request.Headers["Upload-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : null,
            metadata.GetValueOrDefault("task"),
            Guid.TryParse(metadata.GetValueOrDefault("comment"), out var comment) ? comment : null,
            Guid.TryParse(metadata.GetValueOrDefault("document"), out var document) ? document : null);
        var (name, target, problem) = await announcement.CheckAsync(options.Value, targets, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var file = await uploads.CreateAsync(tenant.RequiredOrganizationId, http.User.UserIdOrNull()!.Value, name, announcement.Length!.Value, target!, cancellationToken);
        if (file is null)
        {
            return UploadAnnouncement.QuotaFull(options.Value.QuotaBytes);
        }

        var location = $"{http.Request.PathBase}/uploads/{file.Id}";
        http.Response.Headers.Location = location;
        http.Response.Headers["Tus-Resumable"] = TusVersion;
        http.Response.Headers["Upload-Expires"] = uploads.ExpiresAt(file).ToString("R", CultureInfo.InvariantCulture);
        if (http.Request.ContentType == OffsetContentType)
        {
            var appended = await uploads.AppendAsync(file.Id, 0, http.Request.Body, http.RequestAborted);
            if (appended.Outcome != AppendOutcome.Appended)
            {
                return AppendProblem(appended, options.Value);
            }

            http.Response.Headers["Upload-Offset"] = appended.Offset.ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.StatusCode(StatusCodes.Status201Created);
    }

    public static async Task<IResult> Head(Guid id, HttpContext http, Uploads uploads, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Tus-Resumable"] = TusVersion;
        if (await uploads.FindAsync(id, cancellationToken) is not { } file)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers["Upload-Offset"] = file.Received.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Length"] = file.Length.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Expires"] = uploads.ExpiresAt(file).ToString("R", CultureInfo.InvariantCulture);
        return TypedResults.Ok();
    }

    public static async Task<IResult> Append(Guid id, HttpContext http, Uploads uploads, IOptions<FilesOptions> options)
    {
        http.Response.Headers["Tus-Resumable"] = TusVersion;
        if (TusProblem(http) is { } tusProblem)
        {
            return tusProblem;
        }

        if (http.Request.ContentType != OffsetContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Wrong content type",
                detail: $"Send the bytes as {OffsetContentType}.");
        }

        if (!long.TryParse(http.Request.Headers["Upload-Offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Upload-Offset"] = ["Give the offset the bytes start at."] });
        }

        var appended = await uploads.AppendAsync(id, offset, http.Request.Body, http.RequestAborted);
        if (appended.Outcome != AppendOutcome.Appended)
        {
            return AppendProblem(appended, options.Value);
        }

        http.Response.Headers["Upload-Offset"] = appended.Offset.ToString(CultureInfo.InvariantCulture);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> Terminate(Guid id, HttpContext http, Uploads uploads, CancellationToken cancellationToken)
    {
        http.Response.Headers["Tus-Resumable"] = TusVersion;
        return await uploads.TerminateAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such upload",
                detail: "No unfinished upload has this id (a finished one is deleted as a file: DELETE /files/{id}).");
    }

    public static async Task<IResult> UploadWhole(
        string? name, string? task, Guid? comment, Guid? document, HttpContext http, TenantContext tenant, Uploads uploads, AttachmentTargets targets,
        SignedLinks links, IOptions<FilesOptions> options, CancellationToken cancellationToken)
    {
        var announcement = new UploadAnnouncement(name, http.Request.ContentLength, task, comment, document);
        var (cleanName, target, problem) = await announcement.CheckAsync(options.Value, targets, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var file = await uploads.CreateAsync(tenant.RequiredOrganizationId, http.User.UserIdOrNull()!.Value, cleanName, announcement.Length!.Value, target!, cancellationToken);
        if (file is null)
        {
            return UploadAnnouncement.QuotaFull(options.Value.QuotaBytes);
        }

        if (file.Length > 0)
        {
            var appended = await uploads.AppendAsync(file.Id, 0, http.Request.Body, http.RequestAborted);
            if (appended.Outcome != AppendOutcome.Appended)
            {
                return AppendProblem(appended, options.Value);
            }

            if (appended.Offset < file.Length)
            {
                await uploads.TerminateAsync(file.Id, CancellationToken.None);
                return TypedResults.Problem(statusCode: 400, title: "Body too short", detail: $"The body ended after {appended.Offset} of {file.Length} bytes.");
            }

            file = appended.File!;
        }

        return TypedResults.Created($"{http.Request.PathBase}/files/{file.Id}", FileView.Of(file, links, http.Request.PathBase));
    }

    private static ProblemHttpResult AppendProblem(AppendResult result, FilesOptions options) => result.Outcome switch
    {
        AppendOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such upload", detail: "No upload has this id."),
        AppendOutcome.OffsetMismatch => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Wrong offset",
            detail: result.File is { Status: not Data.FileStatus.Uploading }
                ? "The upload is complete."
                : $"The upload stands at {result.Offset} bytes: send from there (HEAD tells where an upload stands)."),
        AppendOutcome.TooLong => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "More than announced",
            detail: $"The upload was announced with {result.File!.Length} bytes; nothing of this request was kept."),
        AppendOutcome.Refused => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Programs cannot be attached",
            detail: "The file's first bytes are those of a program (whatever its name says); it was not kept."),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    /// <summary>A tus request must say which version of the protocol it speaks (412 otherwise).</summary>
    private static ProblemHttpResult? TusProblem(HttpContext http)
    {
        var version = http.Request.Headers["Tus-Resumable"].ToString();
        if (version == TusVersion)
        {
            return null;
        }

        http.Response.Headers["Tus-Version"] = TusVersion;
        return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "tus version",
            detail: $"Send Tus-Resumable: {TusVersion}.");
    }
}
