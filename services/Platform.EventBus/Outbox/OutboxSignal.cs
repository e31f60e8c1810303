using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.EventBus.Outbox;

/// <summary>
/// Wakes the relay when this process commits, so events leave at once instead of at the next poll.
/// Add it to the service's DbContext with <c>AddInterceptors</c>; commits of other replicas are found by polling.
/// </summary>
public sealed class OutboxSignal : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly WakeUp _wakeUp = new();

    public void Notify() => _wakeUp.Notify();

    /// <summary>Returns when a commit happened since the last wait, or after <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wakeUp.WaitAsync(timeout, cancellationToken);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Notify();
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Notify();

    // SaveChanges without an explicit transaction commits its own.
    ValueTask<int> ISaveChangesInterceptor.SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken)
    {
        NotifyIfCommitted(eventData);
        return ValueTask.FromResult(result);
    }

    int ISaveChangesInterceptor.SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfCommitted(eventData);
        return result;
    }

    private void NotifyIfCommitted(SaveChangesCompletedEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            Notify();
        }
    }
}
