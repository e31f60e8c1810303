using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Platform.Data;
using Platform.Files.Data;
using Platform.Files.Storage;
using Platform.Files.Uploads;

namespace Platform.Files.Downloads;

/// <summary>
/// What a signed link serves, without a token (the signature authorises). A forged link is a 404 (nothing is said of
/// what exists), an expired one a 403. The bytes come with the type sniffed at upload and <c>nosniff</c>; only an image a
/// browser shows safely (PNG, JPEG, GIF, WebP: never SVG) is inline, anything else is an attachment; a sandboxing
/// Content-Security-Policy keeps even a file a browser renders from running script or reaching anything.
/// </summary>
public static class BlobEndpoints
{
    public const string SandboxPolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

    public static RouteGroupBuilder MapBlobEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/blobs/{organization:guid}/{file:guid}/{variant}", Serve).WithName("ServeFile")
            .WithSummary("A file's bytes by a signed link (GET /files/{id} gives the links)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<IResult> Serve(
        Guid organization, Guid file, string variant, long expires, string signature, HttpContext http, SignedLinks links, TenantContext tenant,
        IServiceProvider services, IFileStore store, CancellationToken cancellationToken)
    {
        if (!FileVariant.IsKnown(variant) || links.Check(organization, file, variant, expires, signature) is var check && check == LinkCheck.Forged)
        {
            return NotFound();
        }

        if (check == LinkCheck.Expired)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Link expired", detail: "This download link has expired; open the file again for a new one.");
        }

        StoredFile? stored;
        using (tenant.Enter(organization))
        {
            await using var scope = services.CreateAsyncScope();
            stored = await scope.ServiceProvider.GetRequiredService<FilesDbContext>().Files.AsNoTracking()
                .FirstOrDefaultAsync(f => f.Id == file && f.Status == FileStatus.Clean, cancellationToken);
        }

        if (stored is null || variant != FileVariant.Original && !stored.Variants.Contains(variant)
            || await store.OpenReadAsync(StoreKeys.Variant(organization, file, variant), cancellationToken) is not { } content)
        {
            return NotFound();
        }

        var isOriginal = variant == FileVariant.Original;
        var contentType = isOriginal ? stored.ContentType : "image/webp";
        var inline = !isOriginal || ContentSniffer.IsSafeImageType(contentType);
        var headers = http.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = SandboxPolicy;
        headers[HeaderNames.CacheControl] = "private, max-age=300";
        headers["Cross-Origin-Resource-Policy"] = "same-site";
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(isOriginal ? stored.Name : $"{Path.GetFileNameWithoutExtension(stored.Name)}-{variant}.webp");
        headers[HeaderNames.ContentDisposition] = disposition.ToString();
        return TypedResults.Stream(content, contentType, lastModified: stored.ScannedAt, entityTag: stored.Sha256 is { } sha ? new EntityTagHeaderValue($"\"{sha}-{variant}\"") : null);
    }

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No file is at this link.");
}
