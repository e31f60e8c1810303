using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.Projects.Data;
using Platform.Projects.Portfolio;

namespace Platform.Projects.Tasks;

public enum TaskListStatus
{
    Listed,
    NotFound,
    UnknownState,
}

/// <summary>A page of tasks, or why not: no such project, or a state its workflow (<see cref="States"/>, in order) does not have.</summary>
public sealed record TaskListOutcome(TaskListStatus Status, TaskPage? Page = null, string? ProjectKey = null, string[]? States = null);

/// <summary>
/// A project's tasks filtered, sorted and paged by keyset: a cursor names where the previous page ended in its sort,
/// so no page skips or repeats a task when others are added meanwhile.
/// </summary>
public sealed class TaskListing(ProjectsDbContext db, ProjectCache projects)
{
    /// <summary>The names of the sorts, each also descending with a leading minus.</summary>
    public static IEnumerable<string> SortNames => Sorts.Keys;

    public static bool IsSort(string? sort) => SortOf(sort).Sort is not null;

    /// <summary>Whether <paramref name="cursor"/> is one this API returned for <paramref name="sort"/>.</summary>
    public static bool IsCursor(string cursor, string? sort) => Position.Read(cursor, sort ?? "key") is not null;

    /// <summary>
    /// A page of at most <paramref name="pageSize"/> of the project's tasks, from a query whose sort and cursor were
    /// checked with <see cref="IsSort"/> and <see cref="IsCursor"/>; <paramref name="assignee"/> and
    /// <paramref name="category"/> are the query's, parsed.
    /// </summary>
    public async Task<TaskListOutcome> PageAsync(
        string projectKey, TaskQuery query, int pageSize, Guid? assignee, StateCategory? category, CancellationToken cancellationToken)
    {
        var (sort, descending) = SortOf(query.Sort);
        var after = query.Cursor is null ? null : Position.Read(query.Cursor, query.Sort ?? "key");
        var project = await projects.FindAsync(projectKey, cancellationToken);
        if (project is null)
        {
            return new(TaskListStatus.NotFound);
        }

        var tasks = db.Tasks.AsNoTracking().Where(t => t.ProjectId == project.Id);
        if (query.State is { } stateName)
        {
            var states = await db.States.AsNoTracking().Where(s => s.ProjectId == project.Id).ToListAsync(cancellationToken);
            if (states.FirstOrDefault(s => string.Equals(s.Name, stateName.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } state)
            {
                return new(TaskListStatus.UnknownState, ProjectKey: project.Key, States: [.. states.OrderBy(s => s.Position).Select(s => s.Name)]);
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
        return new(TaskListStatus.Listed, new TaskPage([.. page.Take(pageSize)], next));
    }

    /// <summary>One leading "-" means descending; "--key" names no sort.</summary>
    private static (ISort? Sort, bool Descending) SortOf(string? sort)
    {
        var descending = sort?.StartsWith('-') ?? false;
        return (Sorts.GetValueOrDefault(descending ? sort![1..] : sort ?? "key"), descending);
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
