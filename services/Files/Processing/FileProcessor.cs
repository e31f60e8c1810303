using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Files.Data;

namespace Platform.Files.Processing;

/// <summary>
/// Works through complete uploads in the background: claims a batch from the queue for a lease (replicas never take the
/// same file at once; one claimed by a replica that died comes back when its lease ends), and hands each to
/// <see cref="FileScan"/> inside its organization. A scanner that did not answer leaves the file pending and queued for
/// later, on a growing delay.
/// </summary>
public sealed partial class FileProcessor(
    IServiceScopeFactory scopes, TenantContext tenant, ProcessingSignal signal, TimeProvider clock, ILogger<FileProcessor> logger) : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private const int BatchSize = 8;

    private sealed record Claim(Guid FileId, Guid OrganizationId, int Attempts);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ProcessDueAsync(stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException or IOException)
            {
                LogPassFailed(logger, e);
            }

            await signal.WaitAsync(Poll, stoppingToken);
        }
    }

    /// <summary>One pass: claims due files and scans and processes each; how many it claimed (tests call it directly).</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Claim> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            claimed = await scope.ServiceProvider.GetRequiredService<FilesDbContext>().Database.SqlQuery<Claim>($"""
                UPDATE processing_queue q SET due_at = {now + Lease}, attempts = q.attempts + 1
                WHERE q.file_id IN (SELECT file_id FROM processing_queue WHERE due_at <= {now} ORDER BY due_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED)
                RETURNING q.file_id, q.organization_id, q.attempts
                """).ToListAsync(cancellationToken);
        }

        foreach (var claim in claimed)
        {
            using (tenant.Enter(claim.OrganizationId))
            {
                await using var scope = scopes.CreateAsyncScope();
                var scan = scope.ServiceProvider.GetRequiredService<FileScan>();
                try
                {
                    await scan.RunAsync(claim.FileId, claim.Attempts, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Stays queued: its lease ends and it is tried again.
                    LogFileFailed(logger, e, claim.FileId);
                }
            }
        }

        return claimed.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass of the file processor failed; it runs again shortly")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {FileId} could not be scanned or processed; it is tried again when its lease ends")]
    private static partial void LogFileFailed(ILogger logger, Exception exception, Guid fileId);
}
