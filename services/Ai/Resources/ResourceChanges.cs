using System.Threading.Channels;
using StackExchange.Redis;

namespace Platform.Ai.Resources;

/// <summary>
/// Tells every replica that a task or document changed, so a client listening on any replica hears of it: the replica
/// that consumes the event publishes the resource's address on a Redis channel, and each replica hands it to its own
/// listeners of that address.
/// </summary>
public sealed class ResourceChanges : IAsyncDisposable
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("ai:resources:changed");

    private readonly IConnectionMultiplexer _redis;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Listener>> _listeners = new(StringComparer.OrdinalIgnoreCase);
    private Task? _subscribed;

    public ResourceChanges(IConnectionMultiplexer redis) => _redis = redis;

    /// <summary>
    /// Fire and forget: a listener that misses one hears of the next change, and a Redis outage must not stop the
    /// indexing that publishes.
    /// </summary>
    public void Publish(string uri) => _redis.GetSubscriber().Publish(Channel, uri, CommandFlags.FireAndForget);

    /// <summary>Writes each later change of one of <paramref name="uris"/> (as written there) to <paramref name="changes"/> until disposed.</summary>
    public async Task<IDisposable> ListenAsync(IReadOnlyCollection<string> uris, ChannelWriter<string> changes)
    {
        await SubscribeAsync();
        var listeners = uris.Select(uri => new Listener(uri, changes)).ToList();
        lock (_gate)
        {
            foreach (var listener in listeners)
            {
                if (!_listeners.TryGetValue(listener.Uri, out var list))
                {
                    _listeners[listener.Uri] = list = [];
                }
                list.Add(listener);
            }
        }
        return new Unlisten(this, listeners);
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscribed is not null)
        {
            await _redis.GetSubscriber().UnsubscribeAsync(Channel);
        }
    }

    /// <summary>Subscribes once, when the first client listens; again after a failed attempt (Redis was down).</summary>
    private Task SubscribeAsync()
    {
        lock (_gate)
        {
            if (_subscribed is null || _subscribed.IsFaulted || _subscribed.IsCanceled)
            {
                _subscribed = _redis.GetSubscriber().SubscribeAsync(Channel, (_, uri) => Dispatch(uri.ToString()));
            }
            return _subscribed;
        }
    }

    private void Dispatch(string uri)
    {
        lock (_gate)
        {
            if (_listeners.TryGetValue(uri, out var list))
            {
                foreach (var listener in list)
                {
                    listener.Changes.TryWrite(listener.Uri);
                }
            }
        }
    }

    private void Remove(List<Listener> listeners)
    {
        lock (_gate)
        {
            foreach (var listener in listeners)
            {
                if (_listeners.TryGetValue(listener.Uri, out var list) && list.Remove(listener) && list.Count == 0)
                {
                    _listeners.Remove(listener.Uri);
                }
            }
        }
    }

    private sealed record Listener(string Uri, ChannelWriter<string> Changes);

    private sealed class Unlisten(ResourceChanges owner, List<Listener> listeners) : IDisposable
    {
        public void Dispose() => owner.Remove(listeners);
    }
}
