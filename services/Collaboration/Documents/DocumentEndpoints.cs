using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Collaboration.Data;

namespace Platform.Collaboration.Documents;

public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder api)
    {
        var documents = api.MapGroup("/documents").WithTags("Documents");
        var read = documents.MapGroup("").RequireAuthorization(CollaborationPolicies.Read);
        var write = documents.MapGroup("").RequireAuthorization(CollaborationPolicies.Write);
        write.MapPost("", Create).WithName("CreateDocument").WithSummary("Create a document in a project (design doc, requirements, architecture, notes)");
        read.MapGet("", List).WithName("ListDocuments").WithSummary("The organization's documents, or one project's");
        read.MapGet("/{id:guid}", Get).WithName("GetDocument").WithSummary("A document's text now, or at any version");
        read.MapGet("/{id:guid}/metadata", Metadata).WithName("GetDocumentMetadata").WithSummary("A document's title, type, project and version, without its text");
        write.MapPatch("/{id:guid}", Rename).WithName("RenameDocument").WithSummary("Rename a document");
        write.MapDelete("/{id:guid}", Delete).WithName("DeleteDocument").WithSummary("Delete a document; its editors are told");
        read.MapGet("/{id:guid}/history", History).WithName("GetDocumentHistory").WithSummary("Who changed the document, what and when, operation by operation");
        return api;
    }

    /// <summary>A new document in a project the caller can see, with optional initial text (version 0).</summary>
    public static async Task<Results<Created<DocumentView>, ValidationProblem, ProblemHttpResult>> Create(
        DocumentInput input, HttpContext http, DocumentCatalog catalog, ProjectDirectory projects, IOptions<CollaborationOptions> options,
        CancellationToken cancellationToken)
    {
        if (input.Validate(options.Value.MaxDocumentCodePoints) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var token = PersonalAccessTokenHandler.BearerToken(http.Request)!;
        if (await projects.FindAsync(input.Project!, token, cancellationToken) is not { } project)
        {
            return TypedResults.Problem(title: "Unknown project", detail: $"There is no project {input.Project!.Trim().ToUpperInvariant()}.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        var document = await catalog.CreateAsync(project, input.Title!, DocumentTypes.Parse(input.Type!), input.Content ?? "", http.User.ActorId(), cancellationToken);
        return TypedResults.Created($"/documents/{document.Id}", DocumentView.Of(document));
    }

    /// <summary>The organization's documents, of one project when <paramref name="project"/> (a key) is given, by title.</summary>
    public static async Task<Ok<DocumentView[]>> List(DocumentCatalog catalog, CancellationToken cancellationToken, string? project = null) =>
        TypedResults.Ok((await catalog.ListAsync(project, cancellationToken)).Select(DocumentView.Of).ToArray());

    /// <summary>The document with its text, now or at any earlier <paramref name="version"/>.</summary>
    public static async Task<Results<Ok<DocumentContentView>, NotFound, ProblemHttpResult>> Get(
        Guid id, DocumentCatalog catalog, CancellationToken cancellationToken, int? version = null)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { } document)
        {
            return TypedResults.NotFound();
        }
        var at = version ?? document.Version;
        if (at < 0 || at > document.Version)
        {
            return TypedResults.Problem(title: "No such version", detail: $"The document has versions 0 to {document.Version}.", statusCode: StatusCodes.Status404NotFound);
        }
        return await catalog.TextAtAsync(id, at, cancellationToken) is { } text
            ? TypedResults.Ok(new DocumentContentView(DocumentView.Of(document), at, text))
            : TypedResults.NotFound();
    }

    /// <summary>What a page needs to name a document (a megabyte's text is not read for its title).</summary>
    public static async Task<Results<Ok<DocumentView>, NotFound>> Metadata(Guid id, DocumentCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.FindAsync(id, cancellationToken) is { } document ? TypedResults.Ok(DocumentView.Of(document)) : TypedResults.NotFound();

    public static async Task<Results<Ok<DocumentView>, ValidationProblem, NotFound>> Rename(
        Guid id, DocumentRename input, DocumentCatalog catalog, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        DocumentInput.AddTitleErrors(input.Title, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return await catalog.RenameAsync(id, input.Title!, cancellationToken) is { } document ? TypedResults.Ok(DocumentView.Of(document)) : TypedResults.NotFound();
    }

    /// <summary>Deletes the document with its log and snapshots; its editors hear <c>Deleted</c>.</summary>
    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, DocumentCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>Who changed what, when: operations after <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public static async Task<Results<Ok<HistoryEntryView[]>, NotFound, ValidationProblem>> History(
        Guid id, DocumentCatalog catalog, CancellationToken cancellationToken, int after = 0, int limit = 50)
    {
        if (limit is < 1 or > 500 || after < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["1 to 500, after a version of 0 or more."] });
        }
        return await catalog.HistoryAsync(id, after, limit, cancellationToken) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound();
    }
}
