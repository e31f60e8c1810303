using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using ModelContextProtocol;
using Platform.Collaboration.Client;
using Platform.Collaboration.Ot;

namespace Platform.Ai.Api;

/// <summary>One replacement in a document: <see cref="OldText"/> must occur exactly once (empty: append at the end).</summary>
public sealed record TextEdit(string OldText, string NewText);

/// <summary>What an edit did: the version it was committed as, and how many characters it inserted and deleted.</summary>
public sealed record DocumentEdited(Guid DocumentId, int Version, int Inserted, int Deleted);

/// <summary>
/// Edits a document as one more collaborator: joins its live session on the collaboration hub with the caller's token,
/// turns the replacements into one operation on the version it saw, and submits it. The server transforms it past
/// whatever others committed meanwhile, so people editing at the same time see it live and nothing is overwritten.
/// </summary>
public sealed class DocumentEditing(IConfiguration configuration, IHttpContextAccessor context)
{
    /// <summary>How the assistant is named in open editors, beside the person it acts for.</summary>
    public const string AgentName = "AI assistant";

    private static readonly TimeSpan PresenceLinger = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Reports progress (connected, joined; of three steps) when the client asked for it. The last step is the answer
    /// itself: a notification sent just before it could arrive after it, for an operation no longer in progress.
    /// </summary>
    public async Task<DocumentEdited> EditAsync(
        Guid documentId, IReadOnlyList<TextEdit> edits, Func<ProgressNotificationValue, Task> reportAsync, CancellationToken cancellationToken)
    {
        if (edits.Count == 0)
        {
            throw new McpException("Argument 'edits': give at least one edit.");
        }
        var token = PlatformApi.CallerToken(context.HttpContext!);
        var userId = context.HttpContext!.User.ActorId();
        // Named as an assistant in open editors ("AI assistant (for Alice)"), with client ids that let Alice undo its edit.
        var hub = DocumentHubConnection.Create(
            new Uri(CollaborationAddress(), $"{DocumentHubContract.Path}?{DocumentHubContract.AgentParameter}={Uri.EscapeDataString(AgentName)}"),
            () => Task.FromResult<string?>(token));
        try
        {
            await hub.StartAsync(cancellationToken);
            await reportAsync(new ProgressNotificationValue { Progress = 1, Total = 3, Message = "Connected to the collaboration service" });
            var joined = await hub.JoinAsync(documentId, cancellationToken: cancellationToken);
            var version = joined.Version;
            await reportAsync(new ProgressNotificationValue { Progress = 2, Total = 3, Message = $"Joined the document at version {version}" });
            var (op, lastEditAt) = Operation(joined.Text!, edits);
            var clientId = DocumentHubContract.AssistantClientPrefix(userId) + Guid.NewGuid().ToString("N")[..16];
            var committed = await hub.SubmitAsync(documentId, version, op, clientId, 1L, cancellationToken);
            // Its caret where it wrote (others move it past the text it inserted), left up for a moment so people see who changed what.
            await hub.UpdatePresenceAsync(documentId, version, new Selection(lastEditAt, lastEditAt), cancellationToken);
            _ = CloseLaterAsync(hub);
            return new DocumentEdited(documentId, committed, op.InsertedLength, op.DeletedLength);
        }
        catch (HubException e)
        {
            await hub.DisposeAsync();
            // The hub's refusals read "code: message"; not_found covers unknown and foreign documents alike.
            var message = e.Refusal();
            throw message.StartsWith("not_found", StringComparison.Ordinal) ? new PlatformNotFoundException($"Not found. {message}") : new McpException(message);
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    private static async Task CloseLaterAsync(HubConnection hub)
    {
        await Task.Delay(PresenceLinger);
        await hub.DisposeAsync();
    }

    /// <summary>The replacements as one operation on <paramref name="text"/>, in code points (they may not overlap), and where the last one starts.</summary>
    private static (TextOperation Op, int LastEditAt) Operation(string text, IReadOnlyList<TextEdit> edits)
    {
        var located = new List<(int Start, int Length, string Insert)>();
        foreach (var (edit, index) in edits.Select((e, i) => (e, i)))
        {
            if (!CodePoints.IsWellFormed(edit.OldText) || !CodePoints.IsWellFormed(edit.NewText))
            {
                throw new McpException($"Edit {index}: the text contains a lone UTF-16 surrogate.");
            }
            if (edit.OldText.Length == 0)
            {
                located.Add((text.Length, 0, edit.NewText));
                continue;
            }
            var first = text.IndexOf(edit.OldText, StringComparison.Ordinal);
            if (first < 0)
            {
                throw new McpException($"Edit {index}: the text to replace does not occur in the document; read it again.");
            }
            if (text.IndexOf(edit.OldText, first + 1, StringComparison.Ordinal) >= 0)
            {
                throw new McpException($"Edit {index}: the text to replace occurs more than once; include more of its surroundings.");
            }
            located.Add((first, edit.OldText.Length, edit.NewText));
        }
        located.Sort((a, b) => a.Start.CompareTo(b.Start));
        var builder = new OperationBuilder();
        var position = 0;
        foreach (var (start, length, insert) in located)
        {
            if (start < position)
            {
                throw new McpException("Two edits overlap; combine them into one.");
            }
            // Offsets are UTF-16 here; operations count code points.
            builder.Skip(CodePoints.Count(text.AsSpan(position, start - position))).Delete(CodePoints.Count(text.AsSpan(start, length))).Insert(insert);
            position = start + length;
        }
        return (builder.Build(), CodePoints.Count(text.AsSpan(0, located[^1].Start)));
    }

    /// <summary>The collaboration service's address from service discovery's configuration (the AppHost's reference).</summary>
    private Uri CollaborationAddress() =>
        new(configuration["services:collaboration:http:0"] ?? throw new InvalidOperationException("The collaboration service's address is not configured (services:collaboration:http:0)."));
}
