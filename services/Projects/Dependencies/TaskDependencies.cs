using Platform.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.EventBus;
using Platform.Projects.Data;
using Platform.Projects.Tasks;

namespace Platform.Projects.Dependencies;

public enum AddDependencyStatus
{
    Added,
    NotFound,
    OnItself,
    Cycle,
    Exists,
}

/// <summary>The dependency added, or why not; <see cref="Cycle"/> holds the keys of the cycle it would close.</summary>
public sealed record AddDependencyOutcome(AddDependencyStatus Status, DependencyView? Dependency = null, string[]? Cycle = null);

/// <summary>Which tasks wait for which: the dependency graph of the organization's tasks, kept free of cycles.</summary>
public sealed class TaskDependencies(ProjectsDbContext db, TenantContext tenant, TimeProvider clock)
{
    /// <summary>The task at <paramref name="successorKey"/> waits on the one at <paramref name="predecessorKey"/>, unless that closes a cycle.</summary>
    public async Task<AddDependencyOutcome> AddAsync(
        string successorKey, string predecessorKey, DependencyType type, double lagDays, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One dependency change at a time per organization: two concurrent additions could otherwise close a cycle together.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({tenant.RequiredOrganizationId.ToString()}))", cancellationToken);
        var successor = await TaskKey.FindAsync(db, successorKey, cancellationToken);
        var predecessor = await TaskKey.FindAsync(db, predecessorKey, cancellationToken);
        if (successor is null || predecessor is null)
        {
            return new(AddDependencyStatus.NotFound);
        }

        if (successor.Id == predecessor.Id)
        {
            return new(AddDependencyStatus.OnItself);
        }

        if (await CycleThroughAsync(predecessor, successor, cancellationToken) is { } cycle)
        {
            return new(AddDependencyStatus.Cycle, Cycle: cycle);
        }

        var dependency = new TaskDependency
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = tenant.RequiredOrganizationId,
            PredecessorId = predecessor.Id,
            SuccessorId = successor.Id,
            Type = type,
            LagDays = lagDays,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Dependencies.Add(dependency);
        db.AddIntegrationEvent(new DependencyAdded(predecessor.Id, successor.Id, TaskKey.Of(predecessor), TaskKey.Of(successor), type.Name(), dependency.LagDays)
        {
            OrganizationId = dependency.OrganizationId,
            OccurredAt = dependency.CreatedAt,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new(AddDependencyStatus.Exists);
        }

        await transaction.CommitAsync(cancellationToken);
        return new(AddDependencyStatus.Added, new DependencyView(TaskKey.Of(predecessor), TaskKey.Of(successor), type.Name(), dependency.LagDays));
    }

    /// <summary>What the task waits for, by predecessor key; null when there is no such task.</summary>
    public async Task<DependencyView[]?> ListAsync(string key, CancellationToken cancellationToken)
    {
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return null;
        }

        var predecessors = await db.Dependencies.AsNoTracking().Where(d => d.SuccessorId == task.Id)
            .Join(db.Tasks.Include(t => t.Project), d => d.PredecessorId, t => t.Id, (d, t) => new { d.Type, d.LagDays, t.Project!.Key, t.Number })
            .ToListAsync(cancellationToken);
        return predecessors
            .Select(p => new DependencyView(new TaskKey(p.Key, p.Number).ToString(), TaskKey.Of(task), p.Type.Name(), p.LagDays))
            .OrderBy(d => d.Predecessor, StringComparer.Ordinal).ToArray();
    }

    /// <summary>False when either task or the dependency between them does not exist.</summary>
    public async Task<bool> RemoveAsync(string successorKey, string predecessorKey, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var successor = await TaskKey.FindAsync(db, successorKey, cancellationToken);
        var predecessor = await TaskKey.FindAsync(db, predecessorKey, cancellationToken);
        if (successor is null || predecessor is null)
        {
            return false;
        }

        var removed = await db.Dependencies.Where(d => d.SuccessorId == successor.Id && d.PredecessorId == predecessor.Id)
            .ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return false;
        }

        db.AddIntegrationEvent(new DependencyRemoved(predecessor.Id, successor.Id, TaskKey.Of(predecessor), TaskKey.Of(successor))
        {
            OrganizationId = tenant.RequiredOrganizationId,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Adding predecessor → successor closes a cycle when the successor already reaches the predecessor;
    /// then the keys along that way, starting and ending at the predecessor. Only the part of the graph
    /// reachable from the successor is read, each of its dependencies once.
    /// </summary>
    private async Task<string[]?> CycleThroughAsync(ProjectTask predecessor, ProjectTask successor, CancellationToken cancellationToken)
    {
        const string reachable = """
            WITH RECURSIVE reached(task_id, came_from) AS (
                SELECT $1::uuid, NULL::uuid
                UNION
                SELECT d.successor_id, d.predecessor_id FROM reached r JOIN task_dependencies d ON d.predecessor_id = r.task_id)
            SELECT task_id, came_from FROM reached WHERE came_from IS NOT NULL
            """;
        var cameFrom = new Dictionary<Guid, Guid>();
        await using (var command = new NpgsqlCommand(reachable, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction()))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = successor.Id });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                cameFrom.TryAdd(reader.GetGuid(0), reader.GetGuid(1));
            }
        }

        if (!cameFrom.ContainsKey(predecessor.Id))
        {
            return null;
        }

        // The graph has no cycle yet, so following the way back ends at the successor.
        var path = new List<Guid> { predecessor.Id };
        while (cameFrom.TryGetValue(path[^1], out var previous))
        {
            path.Add(previous);
        }

        path.Reverse(); // successor ... predecessor
        var keys = await db.Tasks.AsNoTracking().Where(t => path.Contains(t.Id))
            .Select(t => new { t.Id, t.Project!.Key, t.Number }).ToDictionaryAsync(t => t.Id, cancellationToken);
        return [TaskKey.Of(predecessor), .. path.Select(id => new TaskKey(keys[id].Key, keys[id].Number).ToString())];
    }
}
