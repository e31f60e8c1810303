namespace Platform.Collaboration.Editing;

/// <summary>A token bucket per connection: <c>rate</c> operations a second, bursts up to <c>burst</c>.</summary>
public sealed class OpRateLimit(int rate, int burst)
{
    private double _tokens = burst;
    private readonly Lock _gate = new();
    private long _last = Environment.TickCount64;

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = Environment.TickCount64;
            _tokens = Math.Min(burst, _tokens + (now - _last) * rate / 1000.0);
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }
            _tokens--;
            return true;
        }
    }
}
