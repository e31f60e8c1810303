using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;
using Platform.Projects.Http;
using Platform.Projects.Portfolio;

namespace Platform.Projects.Tasks;

/// <summary>One page of tasks; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record TaskPage(TaskView[] Items, string? NextCursor);

/// <summary>
/// Which tasks of a project to list and in which order. Every filter is optional; <see cref="Sort"/> is one of
/// key, priority, dueDate, updatedAt, each descending with a leading minus; ties go by key.
/// </summary>
public sealed record TaskQuery(
    string? State = null,
    string? Category = null,
    string? Assignee = null,
    string? Label = null,
    string? Q = null,
    DateOnly? DueBefore = null,
    bool? Blocked = null,
    string? Parent = null,
    string? Sort = null,
    int? Limit = null,
    string? Cursor = null);

public static class TaskListEndpoints
{
    public static IEndpointRouteBuilder MapTaskListEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, _) = api.Tagged("Tasks");
        read.MapGet("/projects/{projectKey}/tasks", List).WithName("ListTasks")
            .WithSummary("A project's tasks, filtered, sorted and paged by cursor");
        return api;
    }

    /// <summary>
    /// A page of the project's tasks. <c>assignee</c> is a user id, <c>me</c> or <c>none</c>; <c>q</c> matches
    /// titles; <c>cursor</c> is the previous page's <c>nextCursor</c> (opaque, tied to the sort).
    /// </summary>
    public static async Task<Results<Ok<TaskPage>, NotFound, ValidationProblem>> List(
        string projectKey, [AsParameters] TaskQuery query, ClaimsPrincipal user, ProjectsDbContext db, ProjectCache projects, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = query.Limit ?? 50;
        if (pageSize is < 1 or > 200)
        {
            errors["limit"] = ["Between 1 and 200."];
        }

        // One leading "-" means descending; "--key" names no sort.
        var descending = query.Sort?.StartsWith('-') ?? false;
        if (!Sorts.TryGetValue(descending ? query.Sort![1..] : query.Sort ?? "key", out var sort))
        {
            errors["sort"] = [$"One of {string.Join(", ", Sorts.Keys)}, with a leading - for descending."];
        }

        Position? after = null;
        if (query.Cursor is not null && (after = Position.Read(query.Cursor, query.Sort ?? "key")) is null)
        {
            errors["cursor"] = ["Not a cursor this API returned for this sort; start again without one."];
        }

        Guid? assignee = null;
        if (query.Assignee is { } who && who is not "none" && (assignee = Guid.TryParse(user.UserIdOrMe(who), out var id) ? id : null) is null)
        {
            errors["assignee"] = ["A user id, me or none."];
        }

        StateCategory? category = null;
        if (query.Category is not null && (category = Enum.TryParse<StateCategory>(query.Category, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null) is null)
        {
            errors["category"] = ["One of backlog, todo, inProgress, done, cancelled."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var project = await projects.FindAsync(projectKey, cancellationToken);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        var tasks = db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id);
        if (query.State is { } stateName)
        {
            var states = await db.States.AsNoTracking().Where(s => s.ProjectId == project.Id).ToListAsync(cancellationToken);
            if (states.FirstOrDefault(s => string.Equals(s.Name, stateName.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } state)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["state"] = [$"The workflow of {project.Key} has the states {string.Join(", ", states.OrderBy(s => s.Position).Select(s => s.Name))}."],
                });
            }

            tasks = tasks.Where(t => t.StateId == state.Id);
        }

        if (category is { } inCategory)
        {
            tasks = tasks.Where(t => t.State!.Category == inCategory);
        }

        if (query.Assignee == "none")
        {
            tasks = tasks.Where(t => t.AssigneeId == null);
        }
        else if (assignee is { } assigneeId)
        {
            tasks = tasks.Where(t => t.AssigneeId == assigneeId);
        }

        if (query.Label is { } label)
        {
            tasks = tasks.Where(t => t.Labels.Contains(label.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = "%" + EscapeLike(query.Q.Trim()) + "%";
            tasks = tasks.Where(t => EF.Functions.ILike(t.Title, pattern, "\\"));
        }

        if (query.DueBefore is { } dueBefore)
        {
            tasks = tasks.Where(t => t.DueDate < dueBefore);
        }

        // Two shapes, not "blocked == EXISTS(...)": Postgres runs a plain EXISTS as a join per row, the comparison over the whole table.
        if (query.Blocked is true)
        {
            tasks = tasks.Where(t => db.Dependencies.Any(d => d.SuccessorId == t.Id
                && d.Predecessor!.State!.Category != StateCategory.Done && d.Predecessor.State.Category != StateCategory.Cancelled));
        }
        else if (query.Blocked is false)
        {
            tasks = tasks.Where(t => !db.Dependencies.Any(d => d.SuccessorId == t.Id
                && d.Predecessor!.State!.Category != StateCategory.Done && d.Predecessor.State.Category != StateCategory.Cancelled));
        }

        if (query.Parent is { } parentKey)
        {
            var parent = await TaskKey.FindAsync(db, parentKey, cancellationToken);
            var parentId = parent?.Id ?? Guid.Empty;
            tasks = tasks.Where(t => t.ParentId == parentId);
        }

        // Row-level security hides column statistics from the planner for filters such as ILIKE, so it guesses a
        // handful of matches and sorts the whole project; walking the sort's index and stopping at one page is
        // what keyset pagination is for, so this query is told not to sort when an index gives the order.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_sort = off; SET LOCAL max_parallel_workers_per_gather = 0", cancellationToken);
        var page = await sort!.Page(tasks, after, descending).Take(pageSize + 1).Views(db).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var next = page.Count > pageSize ? Position.Write(query.Sort ?? "key", sort.ValueOf(page[pageSize - 1]), page[pageSize - 1].Key) : null;
        return TypedResults.Ok(new TaskPage([.. page.Take(pageSize)], next));
    }

    private static readonly Dictionary<string, ISort> Sorts = new(StringComparer.Ordinal)
    {
        ["key"] = new Sort<int>(t => t.Number, v => int.Parse(KeyNumber(v.Key), CultureInfo.InvariantCulture)),
        ["priority"] = new Sort<short>(t => (short)t.Priority, v => (short)v.Priority),
        ["dueDate"] = new Sort<DateOnly>(t => t.DueDate ?? DateOnly.MaxValue, v => v.DueDate ?? DateOnly.MaxValue, "O"),
        ["updatedAt"] = new Sort<DateTimeOffset>(t => t.UpdatedAt, v => v.UpdatedAt, "O"),
    };

    private static string KeyNumber(string key) => key[(key.LastIndexOf('-') + 1)..];

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>Where the previous page ended: the sort value and task number of its last task.</summary>
    private sealed record Position(string Value, int Number)
    {
        public static string Write(string sort, string value, string key) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sort}\n{value}\n{KeyNumber(key)}"));

        public static Position? Read(string cursor, string sort)
        {
            var bytes = new byte[cursor.Length];
            if (!Convert.TryFromBase64String(cursor, bytes, out var length))
            {
                return null;
            }

            var parts = Encoding.UTF8.GetString(bytes, 0, length).Split('\n');
            return parts.Length == 3 && parts[0] == sort && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? new Position(parts[1], number)
                : null;
        }
    }

    private interface ISort
    {
        /// <summary>The tasks after <paramref name="after"/> in this order (keyset pagination: no offset to skip).</summary>
        IQueryable<ProjectTask> Page(IQueryable<ProjectTask> tasks, Position? after, bool descending);

        string ValueOf(TaskView view);
    }

    /// <summary>A sort by one column; <paramref name="format"/> writes its values into cursors without losing precision.</summary>
    private sealed class Sort<T>(Expression<Func<ProjectTask, T>> column, Func<TaskView, T> valueOf, string? format = null) : ISort
        where T : IParsable<T>, IFormattable
    {
        public string ValueOf(TaskView view) => valueOf(view).ToString(format, CultureInfo.InvariantCulture);

        public IQueryable<ProjectTask> Page(IQueryable<ProjectTask> tasks, Position? after, bool descending)
        {
            if (after is not null)
            {
                if (!T.TryParse(after.Value, CultureInfo.InvariantCulture, out var last))
                {
                    last = default!;
                }

                tasks = tasks.Where(After(last, after.Number, descending));
            }

            var ordered = descending ? tasks.OrderByDescending(column) : tasks.OrderBy(column);
            return descending ? ordered.ThenByDescending(t => t.Number) : ordered.ThenBy(t => t.Number);
        }

        /// <summary><c>column &gt; last OR (column = last AND number &gt; lastNumber)</c>, mirrored when descending.</summary>
        private Expression<Func<ProjectTask, bool>> After(T last, int lastNumber, bool descending)
        {
            var task = column.Parameters[0];
            // Values travel through a closure so the query is parameterized, not rebuilt per value.
            var bound = new Bound(last, lastNumber);
            var value = Expression.Property(Expression.Constant(bound), nameof(Bound.Value));
            var number = Expression.Property(Expression.Constant(bound), nameof(Bound.Number));
            var taskNumber = Expression.Property(task, nameof(ProjectTask.Number));
            var beyond = descending ? Expression.LessThan(column.Body, value) : Expression.GreaterThan(column.Body, value);
            var tieBeyond = descending ? Expression.LessThan(taskNumber, number) : Expression.GreaterThan(taskNumber, number);
            var condition = Expression.OrElse(beyond, Expression.AndAlso(Expression.Equal(column.Body, value), tieBeyond));
            return Expression.Lambda<Func<ProjectTask, bool>>(condition, task);
        }

        private sealed record Bound(T Value, int Number);
    }
}
