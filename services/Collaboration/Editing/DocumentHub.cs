using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Platform.Collaboration.Data;
using Platform.Collaboration.Ot;
using Platform.Collaboration.Presence;
using Platform.Data;

namespace Platform.Collaboration.Editing;

/// <summary>
/// Live editing (the contract: <see cref="DocumentHubContract"/>, <see cref="IDocumentClient"/>; the protocol: README
/// "Collaboration"). Clients join a document, submit operations and get acks (the committed version), hear committed
/// operations (their own included, from <see cref="GroupCommit"/>) and presence.
/// Every join and every operation is checked against the caller's organization; refusals are hub errors that start
/// with a stable code (<c>op_invalid: ...</c>) and leave the document and the connection as they were.
/// </summary>
public sealed class DocumentHub(LiveDocuments documents, PresenceStore presence, TenantContext tenant, IOptions<CollaborationOptions> options, CollaborationMetrics metrics) : Hub<IDocumentClient>
{

    [HubMethodName(DocumentHubContract.Join)]
    public async Task<JoinResult> Join(Guid documentId, int? knownVersion, CollaborationDbContext db)
    {
        var live = await documents.GetAsync(documentId, tenant.RequiredOrganizationId, db, Context.ConnectionAborted) ?? throw CollaborationException.NotFound();
        // In the group before reading the state: every later commit reaches this client, earlier ones are in what it reads.
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(documentId), Context.ConnectionAborted);
        JoinedDocuments().Add(documentId);

        await live.Gate.WaitAsync(Context.ConnectionAborted);
        int version;
        string? text = null;
        IReadOnlyList<CommittedOp>? ops = null;
        try
        {
            await documents.CatchUpAsync(live, new DocumentLog(db), Context.ConnectionAborted);
            version = live.Version;
            ops = knownVersion is { } known && known <= version ? await OpsBetweenAsync(live, known, version, db) : null;
            text = ops is null ? live.Text.ToString() : null;
        }
        finally
        {
            live.Gate.Release();
        }

        var me = new PresenceView(Context.ConnectionId, UserId(), DisplayName(), null, version);
        await presence.SetAsync(documentId, me);
        await Clients.OthersInGroup(Group(documentId)).PresenceChanged(documentId, me);
        var present = new List<PresenceView>();
        foreach (var other in (await presence.ListAsync(documentId)).Where(p => p.ConnectionId != Context.ConnectionId))
        {
            present.Add(await RebaseAsync(other, live, version, db));
        }
        return new JoinResult(documentId, version, text, ops, present, options.Value.OpsPerSecond);
    }

    /// <summary>The operations after <paramref name="from"/> up to <paramref name="to"/>, from memory or the log; null when further back than the trimmed log.</summary>
    private async Task<IReadOnlyList<CommittedOp>?> OpsBetweenAsync(LiveDocument live, int from, int to, CollaborationDbContext db)
    {
        if (to - from > options.Value.MaxVersionsBehind)
        {
            return null;
        }
        var inMemory = live.Since(from);
        return inMemory is not null && inMemory.Count >= to - from
            ? [.. inMemory.Take(to - from)]
            : await new DocumentLog(db).OpsAsync(live.Id, from, to, Context.ConnectionAborted);
    }

    /// <summary>Submits an operation made on <paramref name="baseVersion"/>; returns the version it was committed as.</summary>
    [HubMethodName(DocumentHubContract.Submit)]
    public async Task<int> Submit(Guid documentId, int baseVersion, JsonElement op, string clientId, long clientSeq, GroupCommit commits)
    {
        if (!Context.User!.HasScope(CollaborationPolicies.Write))
        {
            throw new CollaborationException("forbidden", $"Editing needs the {CollaborationPolicies.Write} scope.");
        }
        if (!JoinedDocuments().Contains(documentId))
        {
            throw new CollaborationException("not_joined", "Join the document before submitting operations to it.");
        }
        if (string.IsNullOrWhiteSpace(clientId) || clientId.Length > 64 || TextInput.Problem(clientId) is not null)
        {
            throw new CollaborationException("client_invalid", "The client id must be 1 to 64 characters of well-formed text.");
        }
        if (clientSeq <= 0)
        {
            throw new CollaborationException("client_invalid", "The client sequence number must be a positive integer.");
        }
        if (!RateLimit().TryTake())
        {
            throw new CollaborationException("rate_limited", $"More than {options.Value.OpsPerSecond} operations a second from this connection; slow down.");
        }
        var operation = TextOperationJsonConverter.Parse(op);
        if (operation.IsNoop)
        {
            throw new CollaborationException("op_invalid", "The operation changes nothing; send only operations that insert or delete.");
        }
        for (var index = 0; index < operation.Components.Count; index++)
        {
            if (operation.Components[index].Text is { } inserted && TextInput.Problem(inserted) is { } problem)
            {
                throw new CollaborationException("op_invalid", $"Component {index}: the inserted text {problem}.");
            }
        }
        var outcome = await commits.SubmitAsync(documentId, tenant.RequiredOrganizationId, new Submission(baseVersion, clientSeq, operation), clientId, UserId());
        return outcome.Op.Version;
    }

    /// <summary>Shares this connection's cursor or selection, as of <paramref name="version"/> (others transform it with later operations).</summary>
    [HubMethodName(DocumentHubContract.UpdatePresence)]
    public async Task UpdatePresence(Guid documentId, int version, Selection selection)
    {
        if (!JoinedDocuments().Contains(documentId))
        {
            throw new CollaborationException("not_joined", "Join the document before sharing a cursor in it.");
        }
        if (selection.Anchor < 0 || selection.Head < 0 || version < 0)
        {
            throw new CollaborationException("selection_invalid", "Selections and versions are non-negative.");
        }
        var me = new PresenceView(Context.ConnectionId, UserId(), DisplayName(), selection, version);
        await presence.SetAsync(documentId, me);
        await Clients.OthersInGroup(Group(documentId)).PresenceChanged(documentId, me);
    }

    [HubMethodName(DocumentHubContract.Leave)]
    public async Task Leave(Guid documentId)
    {
        if (JoinedDocuments().Remove(documentId))
        {
            await LeaveAsync(documentId);
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(documentId));
        }
    }

    public override Task OnConnectedAsync()
    {
        metrics.Connected();
        return Task.CompletedTask;
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.Disconnected();
        foreach (var documentId in JoinedDocuments())
        {
            await LeaveAsync(documentId);
        }
    }

    private async Task LeaveAsync(Guid documentId)
    {
        await presence.RemoveAsync(documentId, Context.ConnectionId);
        await Clients.OthersInGroup(Group(documentId)).PresenceLeft(documentId, Context.ConnectionId);
    }

    /// <summary>A selection reported at an older version, moved through the operations since (dropped when they are past the trimmed log).</summary>
    private async Task<PresenceView> RebaseAsync(PresenceView view, LiveDocument live, int version, CollaborationDbContext db)
    {
        if (view.Selection is not { } selection || view.Version >= version)
        {
            return view;
        }
        if (await OpsBetweenAsync(live, view.Version, version, db) is not { } since)
        {
            return view with { Selection = null, Version = version };
        }
        foreach (var op in since)
        {
            selection = TextOperation.TransformSelection(selection, op.Op);
        }
        return view with { Selection = selection, Version = version };
    }

    private string UserId() => Context.User!.ActorId();

    /// <summary>The person's name, or "{agent} (for {name})" for an assistant that says it edits for them (a label, not a right: it holds their token).</summary>
    private string DisplayName()
    {
        var name = Context.User?.FindFirst(PlatformClaimTypes.Name)?.Value ?? UserId();
        var agent = Context.GetHttpContext()?.Request.Query[DocumentHubContract.AgentParameter].ToString().Trim();
        return string.IsNullOrEmpty(agent) || agent.Length > 40 || TextInput.Problem(agent) is not null ? name : $"{agent} (for {name})";
    }

    private HashSet<Guid> JoinedDocuments() => (HashSet<Guid>)(Context.Items.TryGetValue("documents", out var joined) ? joined! : Context.Items["documents"] = new HashSet<Guid>());

    private OpRateLimit RateLimit() => (OpRateLimit)(Context.Items.TryGetValue("rate", out var limit) ? limit! : Context.Items["rate"] = new OpRateLimit(options.Value.OpsPerSecond, options.Value.OpsBurst));

    public static string Group(Guid documentId) => $"document:{documentId}";
}
