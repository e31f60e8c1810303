using System.Text.Json;
using Platform.Collaboration.Ot;
using StackExchange.Redis;

namespace Platform.Collaboration.Presence;

/// <summary>
/// Presence is ephemeral and shared by every instance: a Redis hash per document (connection → presence), refreshed
/// on each update. Entries of connections that vanished without leaving (a crashed instance) age out.
/// </summary>
public sealed class PresenceStore(IConnectionMultiplexer redis, TimeProvider clock)
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan EntryLifetime = TimeSpan.FromMinutes(5);

    private sealed record Entry(PresenceView Presence, long SeenAt);

    public async Task SetAsync(Guid documentId, PresenceView presence)
    {
        var database = redis.GetDatabase();
        var entry = JsonSerializer.Serialize(new Entry(presence, clock.GetUtcNow().ToUnixTimeMilliseconds()));
        var key = Key(documentId);
        await database.HashSetAsync(key, presence.ConnectionId, entry);
        await database.KeyExpireAsync(key, KeyLifetime);
    }

    public Task RemoveAsync(Guid documentId, string connectionId) => redis.GetDatabase().HashDeleteAsync(Key(documentId), connectionId);

    public async Task<List<PresenceView>> ListAsync(Guid documentId)
    {
        var database = redis.GetDatabase();
        var oldest = (clock.GetUtcNow() - EntryLifetime).ToUnixTimeMilliseconds();
        var present = new List<PresenceView>();
        foreach (var field in await database.HashGetAllAsync(Key(documentId)))
        {
            var entry = JsonSerializer.Deserialize<Entry>(field.Value.ToString())!;
            if (entry.SeenAt < oldest)
            {
                await database.HashDeleteAsync(Key(documentId), field.Name);
                continue;
            }
            present.Add(entry.Presence);
        }
        return present;
    }

    private static RedisKey Key(Guid documentId) => $"collab:presence:{documentId}";
}
