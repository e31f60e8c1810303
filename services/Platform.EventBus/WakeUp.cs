using System.Threading.Channels;

namespace Platform.EventBus;

/// <summary>A wake-up call that coalesces: any number of calls before a wait end that one wait.</summary>
public sealed class WakeUp
{
    private readonly Channel<bool> _calls = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _calls.Writer.TryWrite(true);

    /// <summary>Returns when called since the last wait, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _calls.Reader.WaitToReadAsync(timer.Token);
            _calls.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
