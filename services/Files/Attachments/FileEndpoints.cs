using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Data;
using Platform.Files.Data;
using Platform.Files.Downloads;

namespace Platform.Files.Attachments;

/// <summary>Attachments as they stand: listed by what they are attached to, one file, its text, a download, the organization's usage; deleting.</summary>
public static class FileEndpoints
{
    public static RouteGroupBuilder MapFileReads(this RouteGroupBuilder api)
    {
        api.MapGet("/files", List).WithName("ListFiles").WithSummary("The files attached to a task (task=KEY, its comments' too) or a document (document=ID)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/files/{id:guid}", Get).WithName("GetFile").WithSummary("A file: its sniffed type, hash, scan verdict, variants, and signed links once clean")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/files/{id:guid}/text", Text).WithName("GetFileText").WithSummary("The text extracted from a file (PDF, Office, markdown, text, code)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/files/{id:guid}/download", Download).WithName("DownloadFile")
            .WithSummary("Redirects (303) to a short-lived signed link to the file or one of its variants (variant=original|thumbnail|web)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/usage", Usage).WithName("GetFileUsage").WithSummary("The bytes and files the organization keeps, its quota and the largest file it may upload");
        return api;
    }

    public static RouteGroupBuilder MapFileChanges(this RouteGroupBuilder api)
    {
        api.MapDelete("/files/{id:guid}", Delete).WithName("DeleteFile").WithSummary("Delete a file with all its variants")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<IResult> List(
        string? task, Guid? document, HttpContext http, AttachmentTargets targets, FilesDbContext db, SignedLinks links, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(task) == (document is null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["target"] = ["Name a task (task=KEY) or a document (document=ID)."] });
        }

        if (await targets.FindAsync(task, null, document, cancellationToken) is not { } target)
        {
            return NotFound(document is { } id ? $"There is no document {id}." : $"There is no task {task}.");
        }

        var files = await db.Files.AsNoTracking()
            .Where(f => target.TaskId != null ? f.TaskId == target.TaskId : f.TargetId == target.TargetId)
            .OrderBy(f => f.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(files.Select(f => FileView.Of(f, links, http.Request.PathBase)).ToList());
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, FilesDbContext db, SignedLinks links, CancellationToken cancellationToken) =>
        await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken) is { } file
            ? TypedResults.Ok(FileView.Of(file, links, http.Request.PathBase))
            : NoSuchFile();

    public static async Task<IResult> Text(Guid id, FilesDbContext db, CancellationToken cancellationToken)
    {
        var found = await (
            from f in db.Files.AsNoTracking()
            join t in db.Texts.AsNoTracking() on f.Id equals t.FileId into texts
            from t in texts.DefaultIfEmpty()
            where f.Id == id
            select new { f.Name, f.ContentType, f.Status, Text = t == null ? null : t.Text }).FirstOrDefaultAsync(cancellationToken);
        return found switch
        {
            null => NoSuchFile(),
            { Text: null } => NotFound(found.Status == FileStatus.Clean
                ? $"No text was found in {found.Name} ({found.ContentType})."
                : $"{found.Name} is {found.Status}: its text is extracted once it is scanned clean."),
            _ => TypedResults.Ok(new FileTextView(id, found.Name, found.ContentType, found.Text)),
        };
    }

    public static async Task<IResult> Download(
        Guid id, HttpContext http, FilesDbContext db, SignedLinks links, CancellationToken cancellationToken, string variant = FileVariant.Original)
    {
        var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (file is null)
        {
            return NoSuchFile();
        }

        if (file.Status != FileStatus.Clean)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The file is {file.Status}",
                detail: file.Status == FileStatus.Infected
                    ? "The scanner found a virus in this file: it is quarantined and cannot be downloaded."
                    : "A file can be downloaded once it is uploaded completely and scanned clean.");
        }

        if (variant != FileVariant.Original && !file.Variants.Contains(variant))
        {
            return NotFound($"{file.Name} has no {variant} (its variants: {string.Join(", ", file.Variants.Prepend(FileVariant.Original))}).");
        }

        return TypedResults.Redirect(http.Request.PathBase + links.Create(file.OrganizationId, file.Id, variant).Path, permanent: false, preserveMethod: false);
    }

    public static async Task<IResult> Usage(TenantContext tenant, FilesDbContext db, IOptions<FilesOptions> options, CancellationToken cancellationToken)
    {
        var usage = await db.Usage.AsNoTracking().FirstOrDefaultAsync(u => u.OrganizationId == tenant.RequiredOrganizationId, cancellationToken);
        return TypedResults.Ok(new UsageView(usage?.Bytes ?? 0, usage?.Files ?? 0, options.Value.QuotaBytes, options.Value.MaxUploadBytes));
    }

    public static async Task<IResult> Delete(Guid id, FilesDbContext db, FileDeletion deletion, CancellationToken cancellationToken)
    {
        if (await db.Files.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) is not { } file)
        {
            return NoSuchFile();
        }

        await deletion.DeleteAsync([file], cancellationToken);
        await deletion.DeleteObjectsAsync([file], cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NoSuchFile() => NotFound("No file has this id.");

    private static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}

public sealed record FileTextView(Guid Id, string Name, string ContentType, string Text);

public sealed record UsageView(long Bytes, int Files, long QuotaBytes, long MaxUploadBytes);
