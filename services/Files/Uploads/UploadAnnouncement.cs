using System.Text;
using Platform.Files.Attachments;

namespace Platform.Files.Uploads;

/// <summary>
/// What a client says of an upload before its bytes: the file's name, its size and what it is attached to. Checked
/// here (a 400 naming what is wrong, a 413 for a file over the limit), then the target is looked up as the caller.
/// </summary>
public sealed record UploadAnnouncement(string? Name, long? Length, string? Task, Guid? Comment, Guid? Document)
{
    /// <summary>The tus <c>Upload-Metadata</c> header: comma-separated pairs of a key and its value in base64.</summary>
    public static Dictionary<string, string>? ParseMetadata(string? header)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = pair.IndexOf(' ');
            var key = space < 0 ? pair : pair[..space];
            try
            {
                values[key] = space < 0 ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(pair[(space + 1)..]));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return values;
    }

    /// <summary>The file's own name: no folders (of either kind of slash), no control characters, at most 255 characters.</summary>
    public string? CleanName()
    {
        var name = (Name ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim();
        return name.Length is 0 or > Uploads.MaxNameLength || name.Any(char.IsControl) || name is "." or ".." ? null : name;
    }

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (CleanName() is null)
        {
            errors["name"] = [$"Give the file's name (1 to {Uploads.MaxNameLength} characters, no control characters)."];
        }

        if (Length is not >= 0)
        {
            errors["length"] = ["Give the file's size in bytes (Upload-Length, or the request's Content-Length)."];
        }

        if (string.IsNullOrWhiteSpace(Task) == (Document is null) || Comment is not null && string.IsNullOrWhiteSpace(Task))
        {
            errors["target"] = ["Name what the file is attached to: a task (task=KEY, with comment=ID for a comment on it) or a document (document=ID)."];
        }

        return errors;
    }

    /// <summary>The checked name and the target found, or the problem to answer with (400, 413, 404).</summary>
    public async Task<(string Name, AttachmentTarget? Target, IResult? Problem)> CheckAsync(
        FilesOptions options, AttachmentTargets targets, CancellationToken cancellationToken)
    {
        if (Validate() is { Count: > 0 } errors)
        {
            return ("", null, TypedResults.ValidationProblem(errors));
        }

        if (Length > options.MaxUploadBytes)
        {
            return ("", null, TooLarge(options.MaxUploadBytes));
        }

        var target = await targets.FindAsync(Task, Comment, Document, cancellationToken);
        return target is null
            ? ("", null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such place to attach to",
                detail: Document is { } document ? $"There is no document {document}." : $"There is no task {Task}."))
            : (CleanName()!, target, null);
    }

    public static IResult TooLarge(long maxUploadBytes) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "File too large", detail: $"A file may have at most {maxUploadBytes} bytes.");

    public static IResult QuotaFull(long quotaBytes) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Storage quota reached", detail: $"The organization's files may take {quotaBytes} bytes together; delete some to make room.");
}
