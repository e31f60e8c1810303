using Npgsql;

namespace Platform.Data;

/// <summary>The connection settings of a service's tenant-scoped DbContext (one with <see cref="TenantConnectionInterceptor"/>).</summary>
public static class TenantConnectionString
{
    public static string? For(string? configured) => configured is null ? null : new NpgsqlConnectionStringBuilder(configured)
    {
        // A few query shapes run over and over; preparing them spares Postgres parsing and planning each one again
        // (joins and row-level security make planning cost more than running a page query).
        MaxAutoPrepare = 64,
        AutoPrepareMinUsages = 2,
        // Npgsql resets a pooled connection's session with seven statements each time it is handed out again, which
        // cost Postgres about as much as a page of tasks. The one session setting these connections carry is the
        // organization, and the interceptor sets it on every open; everything else is transaction-scoped.
        NoResetOnClose = true,
        // A few busy connections keep Postgres's caches warm and its two cores on the work; past capacity, callers
        // queue here instead of opening up to a hundred backends that thrash (the task list bench went from answering
        // 334 of 400 requests/s with p50 6.5 s to all 400 with p50 18 ms).
        MaxPoolSize = 10,
    }.ConnectionString;
}
