using System.ComponentModel;
using ModelContextProtocol.Server;
using Platform.Ai.Api;

namespace Platform.Ai.Tools;

/// <summary>Files attached to tasks and documents (specs, logs, screenshots, PDFs) and the text inside them.</summary>
[McpServerToolType]
[Toolset("files")]
public sealed class AttachmentTools(PlatformApi api)
{
    public const int MaxCharacters = 50_000;

    [McpServerTool(Name = "list_attachments", Title = "List attachments", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists the files attached to a task (and its comments) or to a document: name, type, size, whether the virus scan passed, " +
        "and how much text was found in it (read it with read_attachment).")]
    public async Task<Page<AttachmentSummary>> ListAttachments(
        [Description("The task's key, e.g. PLAT-12.")] string? task = null,
        [Description("The document's id.")] Guid? document = null,
        CancellationToken cancellationToken = default)
    {
        var filter = document is { } id ? $"document={id}" : $"task={Uri.EscapeDataString(Arguments.Key(task ?? "", nameof(task)))}";
        return new Page<AttachmentSummary>(await api.GetAsync<List<AttachmentSummary>>($"{PlatformApi.Files}/files?{filter}", cancellationToken), null);
    }

    [McpServerTool(Name = "read_attachment", Title = "Read an attachment", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Reads the text inside an attached file (PDF, Word, Excel, PowerPoint, markdown, text, logs, source code), " +
        "at most 50000 characters from offset; nextOffset continues a longer one. Cite it by its name.")]
    public async Task<AttachmentText> ReadAttachment(
        [Description("The file's id (from list_attachments or a search result).")] Guid id,
        [Description("Where to start in the text, for a long one.")] int offset = 0,
        CancellationToken cancellationToken = default)
    {
        var file = await api.GetAsync<AttachmentText>($"{PlatformApi.Files}/files/{id}/text", cancellationToken);
        var start = Math.Clamp(offset, 0, file.Text.Length);
        var length = Math.Min(MaxCharacters, file.Text.Length - start);
        return file with { Text = file.Text.Substring(start, length), NextOffset = start + length < file.Text.Length ? start + length : null };
    }
}

public sealed record AttachmentSummary(
    Guid Id, string Name, string ContentType, long Length, string Status, string? Signature, int TextLength, string? ProcessingError, DateTimeOffset CreatedAt);

public sealed record AttachmentText(Guid Id, string Name, string ContentType, string Text, int? NextOffset = null);
