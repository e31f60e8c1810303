using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Collaboration.Data;
using Platform.Collaboration.Editing;
using Platform.Collaboration.Ot;
using Platform.Contracts;
using Platform.Data;
using Platform.EventBus;

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
        write.MapPatch("/{id:guid}", Rename).WithName("RenameDocument").WithSummary("Rename a document");
        write.MapDelete("/{id:guid}", Delete).WithName("DeleteDocument").WithSummary("Delete a document; its editors are told");
        read.MapGet("/{id:guid}/history", History).WithName("GetDocumentHistory").WithSummary("Who changed the document, what and when, operation by operation");
        return api;
    }

    /// <summary>A new document in a project the caller can see, with optional initial text (version 0).</summary>
    public static async Task<Results<Created<DocumentView>, ValidationProblem, ProblemHttpResult>> Create(
        DocumentInput input, HttpContext http, CollaborationDbContext db, ProjectDirectory projects, TenantContext tenant,
        IOptions<CollaborationOptions> options, TimeProvider clock, CancellationToken cancellationToken)
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
        var now = clock.GetUtcNow();
        var content = input.Content ?? "";
        var document = new Document
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = tenant.RequiredOrganizationId,
            ProjectId = project.Id,
            ProjectKey = project.Key,
            Title = input.Title!.Trim(),
            Type = DocumentTypes.Parse(input.Type!),
            Length = CodePoints.Count(content),
            CreatedBy = http.User.ActorId(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        db.Documents.Add(document);
        db.Snapshots.Add(new DocumentSnapshot { DocumentId = document.Id, Version = 0, OrganizationId = document.OrganizationId, Content = content, TakenAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await new DocumentLog(db).MarkChangedAsync(document.Id, document.OrganizationId, now, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Created($"/documents/{document.Id}", DocumentView.Of(document));
    }

    /// <summary>The organization's documents, of one project when <paramref name="project"/> (a key) is given, by title.</summary>
    public static async Task<Ok<DocumentView[]>> List(CollaborationDbContext db, CancellationToken cancellationToken, string? project = null)
    {
        var key = project?.Trim().ToUpperInvariant();
        var documents = await db.Documents.AsNoTracking().Where(d => key == null || d.ProjectKey == key)
            .OrderBy(d => d.Title).ThenBy(d => d.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(documents.Select(DocumentView.Of).ToArray());
    }

    /// <summary>The document with its text, now or at any earlier <paramref name="version"/>.</summary>
    public static async Task<Results<Ok<DocumentContentView>, NotFound, ProblemHttpResult>> Get(
        Guid id, CollaborationDbContext db, CancellationToken cancellationToken, int? version = null)
    {
        if (await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } document)
        {
            return TypedResults.NotFound();
        }
        var at = version ?? document.Version;
        if (at < 0 || at > document.Version)
        {
            return TypedResults.Problem(title: "No such version", detail: $"The document has versions 0 to {document.Version}.", statusCode: StatusCodes.Status404NotFound);
        }
        var text = await new DocumentLog(db).TextAtAsync(id, at, cancellationToken);
        return text is null ? TypedResults.NotFound() : TypedResults.Ok(new DocumentContentView(DocumentView.Of(document), at, text.ToString()));
    }

    public static async Task<Results<Ok<DocumentView>, ValidationProblem, NotFound>> Rename(
        Guid id, DocumentRename input, CollaborationDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        DocumentInput.AddTitleErrors(input.Title, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await db.Documents.FirstOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } document)
        {
            return TypedResults.NotFound();
        }
        document.Title = input.Title!.Trim();
        document.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await new DocumentLog(db).MarkChangedAsync(document.Id, document.OrganizationId, document.UpdatedAt, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Ok(DocumentView.Of(document));
    }

    /// <summary>Deletes the document with its log and snapshots; its editors hear <c>Deleted</c>.</summary>
    public static async Task<Results<NoContent, NotFound>> Delete(
        Guid id, CollaborationDbContext db, LiveDocuments live, IHubContext<DocumentHub, IDocumentClient> hub, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(db, cancellationToken);
        if (await db.Documents.FirstOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } document)
        {
            return TypedResults.NotFound();
        }
        db.Documents.Remove(document);
        await db.PendingEvents.Where(p => p.DocumentId == id).ExecuteDeleteAsync(cancellationToken);
        db.AddIntegrationEvent(new DocumentChanged(document.Id, document.ProjectId, document.Title, DocumentTypes.Name(document.Type), document.Version, Deleted: true)
        {
            OrganizationId = document.OrganizationId,
        });
        await db.SaveChangesAsync(cancellationToken);
        await work.CommitAsync(cancellationToken);
        live.Forget(id);
        await hub.Clients.Group(DocumentHub.Group(id)).Deleted(id);
        return TypedResults.NoContent();
    }

    /// <summary>Who changed what, when: operations after <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public static async Task<Results<Ok<HistoryEntryView[]>, NotFound, ValidationProblem>> History(
        Guid id, CollaborationDbContext db, CancellationToken cancellationToken, int after = 0, int limit = 50)
    {
        if (limit is < 1 or > 500 || after < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["1 to 500, after a version of 0 or more."] });
        }
        if (!await db.Documents.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var rows = await db.Operations.AsNoTracking().Where(o => o.DocumentId == id && o.Version > after).OrderBy(o => o.Version).Take(limit)
            .Select(o => new { o.Version, o.AuthorId, o.CommittedAt, o.Op }).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(o =>
        {
            var op = TextOperationJsonConverter.Parse(o.Op);
            return new HistoryEntryView(o.Version, o.AuthorId, o.CommittedAt, op.InsertedLength, op.DeletedLength, op);
        }).ToArray());
    }
}
