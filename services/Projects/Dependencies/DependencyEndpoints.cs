using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.Contracts.Tasks;
using Platform.EventBus;
using Platform.Data;
using Platform.Projects.Data;
using Platform.Projects.Http;
using Platform.Projects.Scheduling;
using Platform.Projects.Tasks;

namespace Platform.Projects.Dependencies;

public sealed record AddDependency(string? Predecessor, string? Type, double? LagDays);

public sealed record DependencyView(string Predecessor, string Successor, string Type, double LagDays);

public static class DependencyEndpoints
{
    public static IEndpointRouteBuilder MapDependencyEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write) = api.Tagged("Dependencies");
        write.MapPost("/tasks/{key}/dependencies", Add).WithName("AddDependency").WithSummary("Make a task wait for another (no cycles)");
        read.MapGet("/tasks/{key}/dependencies", List).WithName("ListDependencies").WithSummary("What a task waits for, and what waits for it");
        write.MapDelete("/tasks/{key}/dependencies/{predecessor}", Remove).WithName("RemoveDependency").WithSummary("Stop a task waiting for another");
        return api;
    }

    /// <summary>The task at <paramref name="key"/> waits on <see cref="AddDependency.Predecessor"/>; refused with the cycle it would close.</summary>
    public static async Task<Results<Created<DependencyView>, ValidationProblem, NotFound, ProblemHttpResult>> Add(
        string key, AddDependency request, ProjectsDbContext db, TenantContext tenant, TimeProvider clock, CancellationToken cancellationToken)
    {
        var type = DependencyType.FinishToStart;
        var errors = new Dictionary<string, string[]>();
        if (request.Type is not null && !DependencyTypes.TryParse(request.Type, out type))
        {
            errors["type"] = ["One of finish-to-start (the default), start-to-start, finish-to-finish, start-to-finish."];
        }

        if (request.LagDays is { } lag && (double.IsNaN(lag) || Math.Abs(lag) > 10_000))
        {
            errors["lagDays"] = ["Working days between -10000 and 10000."];
        }

        if (TaskKey.Parse(request.Predecessor) is null)
        {
            errors["predecessor"] = ["The predecessor's task key, e.g. PLAT-12."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One dependency change at a time per organization: two concurrent additions could otherwise close a cycle together.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({tenant.RequiredOrganizationId.ToString()}))", cancellationToken);
        var successor = await TaskKey.FindAsync(db, key, cancellationToken);
        var predecessor = await TaskKey.FindAsync(db, request.Predecessor, cancellationToken);
        if (successor is null || predecessor is null)
        {
            return TypedResults.NotFound();
        }

        if (successor.Id == predecessor.Id)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["predecessor"] = ["A task cannot wait on itself."] });
        }

        if (await CycleThroughAsync(db, predecessor, successor, cancellationToken) is { } cycle)
        {
            return TypedResults.Problem(
                title: "Dependency cycle",
                detail: $"{predecessor.Project!.Key}-{predecessor.Number} already waits on {key.ToUpperInvariant()}: {string.Join(" → ", cycle)}.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["cycle"] = cycle });
        }

        var dependency = new TaskDependency
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = tenant.RequiredOrganizationId,
            PredecessorId = predecessor.Id,
            SuccessorId = successor.Id,
            Type = type,
            LagDays = request.LagDays ?? 0,
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
            return TypedResults.Problem(title: "Dependency exists", detail: "This task already waits on that predecessor.", statusCode: StatusCodes.Status409Conflict);
        }

        await transaction.CommitAsync(cancellationToken);
        var view = new DependencyView(TaskKey.Of(predecessor), TaskKey.Of(successor), type.Name(), dependency.LagDays);
        return TypedResults.Created($"/tasks/{view.Successor}/dependencies/{view.Predecessor}", view);
    }

    public static async Task<Results<Ok<DependencyView[]>, NotFound>> List(string key, ProjectsDbContext db, CancellationToken cancellationToken)
    {
        if (await TaskKey.FindAsync(db, key, cancellationToken) is not { } task)
        {
            return TypedResults.NotFound();
        }

        var predecessors = await db.Dependencies.AsNoTracking().Where(d => d.SuccessorId == task.Id)
            .Join(db.Tasks.Include(t => t.Project), d => d.PredecessorId, t => t.Id, (d, t) => new { d.Type, d.LagDays, t.Project!.Key, t.Number })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(predecessors
            .Select(p => new DependencyView(new TaskKey(p.Key, p.Number).ToString(), TaskKey.Of(task), p.Type.Name(), p.LagDays))
            .OrderBy(d => d.Predecessor, StringComparer.Ordinal).ToArray());
    }

    public static async Task<Results<NoContent, NotFound>> Remove(
        string key, string predecessor, ProjectsDbContext db, TenantContext tenant, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var successorTask = await TaskKey.FindAsync(db, key, cancellationToken);
        var predecessorTask = await TaskKey.FindAsync(db, predecessor, cancellationToken);
        if (successorTask is null || predecessorTask is null)
        {
            return TypedResults.NotFound();
        }

        var removed = await db.Dependencies.Where(d => d.SuccessorId == successorTask.Id && d.PredecessorId == predecessorTask.Id)
            .ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return TypedResults.NotFound();
        }

        db.AddIntegrationEvent(new DependencyRemoved(predecessorTask.Id, successorTask.Id, TaskKey.Of(predecessorTask), TaskKey.Of(successorTask))
        {
            OrganizationId = tenant.RequiredOrganizationId,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Adding predecessor → successor closes a cycle when the successor already reaches the predecessor;
    /// then the keys along that way, starting and ending at the predecessor. Only the part of the graph
    /// reachable from the successor is read, each of its dependencies once.
    /// </summary>
    private static async Task<string[]?> CycleThroughAsync(ProjectsDbContext db, ProjectTask predecessor, ProjectTask successor, CancellationToken cancellationToken)
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
