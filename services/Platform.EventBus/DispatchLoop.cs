using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.EventBus;

/// <summary>
/// The loop of a dispatcher that claims due work in passes (outbound webhooks, mail): another pass at once while passes
/// fill their batch, else a wait until woken or <paramref name="poll"/> has passed; a pass that fails on the database is
/// reported and tried again after <paramref name="poll"/>.
/// </summary>
public static class DispatchLoop
{
    public static async Task RunAsync(
        Func<CancellationToken, Task<bool>> passFilledItsBatch, Func<TimeSpan, CancellationToken, Task> waitForWork, TimeSpan poll,
        Action<Exception> passFailed, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await passFilledItsBatch(stoppingToken))
                {
                    await waitForWork(poll, stoppingToken);
                }
            }
            catch (Exception e) when ((e is DbUpdateException or NpgsqlException or InvalidOperationException) && !stoppingToken.IsCancellationRequested)
            {
                passFailed(e);
                await Task.Delay(poll, stoppingToken);
            }
        }
    }
}
