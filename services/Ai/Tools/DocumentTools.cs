using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Ai.Api;

namespace Platform.Ai.Tools;

/// <summary>Design documents, requirements and notes of the user's projects.</summary>
[McpServerToolType]
[Toolset("documents")]
public sealed class DocumentTools(PlatformApi api, DocumentEditing editing)
{
    [McpServerTool(Name = "list_documents", Title = "List documents", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists documents (design docs, requirements, architecture notes, notes), of one project or all.")]
    public async Task<Page<DocumentSummary>> ListDocuments(
        [Description("Project key, e.g. PLAT; all projects when left out.")] string? project = null,
        CancellationToken cancellationToken = default)
    {
        var filter = project is null ? "" : $"?project={Arguments.Key(project, nameof(project))}";
        return new Page<DocumentSummary>(await api.GetAsync<List<DocumentSummary>>($"{PlatformApi.Collaboration}/documents{filter}", cancellationToken), null);
    }

    [McpServerTool(Name = "read_document", Title = "Read a document", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Reads a document's markdown text, now or at an earlier version.")]
    public Task<DocumentContent> ReadDocument(
        [Description("The document's id.")] Guid id,
        [Description("A version to read instead of the current text.")] int? version = null,
        CancellationToken cancellationToken = default) =>
        api.GetAsync<DocumentContent>($"{PlatformApi.Collaboration}/documents/{id}{(version is { } v ? $"?version={v}" : "")}", cancellationToken);

    [McpServerTool(Name = "edit_document", Title = "Edit a document", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Edits a document live, as one more collaborator: people editing it at the same time see the change at once and keep theirs. " +
        "Each edit replaces oldText (which must occur exactly once; read the document first) with newText; an empty oldText appends newText at the end.")]
    public Task<DocumentEdited> EditDocument(
        RequestContext<CallToolRequestParams> request,
        [Description("The document's id.")] Guid id,
        [Description("The replacements, applied together to the text as it is now; they may not overlap.")] TextEdit[] edits,
        CancellationToken cancellationToken = default) =>
        editing.EditAsync(id, edits, step => ToolProgress.ReportAsync(request, step, cancellationToken), cancellationToken);
}
