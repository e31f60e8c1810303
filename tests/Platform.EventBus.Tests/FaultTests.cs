using System.Text;
using Platform.EventBus.CloudEvents;
using Platform.EventBus.Redis;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.EventBus.Tests;

public sealed class FaultTests(EventBusFixture fixture)
{
    private readonly Guid _organization = Guid.NewGuid();
    private readonly string _prefix = $"test-{Guid.NewGuid():N}";

    /// <summary>The Redis stream of the test events' topic.</summary>
    private RedisKey NotesStream => $"{_prefix}:test-notes";

    [Fact]
    public async Task An_event_whose_consumer_dies_mid_handler_is_handled_once_by_another_consumer()
    {
        var database = await fixture.CreateDatabaseAsync();
        var started = new TaskCompletionSource();
        var dying = new HandlerBehaviour
        {
            BeforeWrite = async (_, cancellation) =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellation);
            },
        };
        var first = await EventBusHost.StartAsync(database, fixture.Redis, _prefix, dying);
        var written = await EventBusHost.WriteNoteAsync(database, _organization, "interrupted");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        await first.DisposeAsync();
        await using var second = await EventBusHost.StartAsync(database, fixture.Redis, _prefix);

        var received = await EventBusHost.WaitForReceivedAsync(database, 1);
        Assert.Equal(written.Id, Assert.Single(received).EventId);
    }

    [Fact]
    public async Task A_poison_event_goes_to_the_dead_letter_stream_with_its_error_and_the_next_event_is_handled()
    {
        var database = await fixture.CreateDatabaseAsync();
        var attempts = 0;
        var poisoned = new HandlerBehaviour
        {
            BeforeWrite = (note, _) =>
            {
                if (note.Text == "poison")
                {
                    Interlocked.Increment(ref attempts);
                    throw new InvalidOperationException("This note cannot be handled.");
                }

                return Task.CompletedTask;
            },
        };
        await using var host = await EventBusHost.StartAsync(database, fixture.Redis, _prefix, poisoned);

        var poison = await EventBusHost.WriteNoteAsync(database, _organization, "poison");
        var next = await EventBusHost.WriteNoteAsync(database, _organization, "fine");

        Assert.Equal(next.Id, Assert.Single(await EventBusHost.WaitForReceivedAsync(database, 1)).EventId);
        await Eventually.TrueAsync(async () => (await DeadLettersAsync()).Count == 1);
        // Three attempts of its own, plus one in a batch with the next event when both were read together.
        Assert.InRange(attempts, 3, 4);
        var deadLetter = Assert.Single(await DeadLettersAsync());
        Assert.Contains("InvalidOperationException: This note cannot be handled.", deadLetter["error"].ToString(), StringComparison.Ordinal);
        Assert.Equal("3", deadLetter["attempts"].ToString());
        Assert.Equal(poison.Id, CloudEventJson.TryParse((byte[])deadLetter["event"]!, out _)!.Id);
    }

    [Fact]
    public async Task Malformed_messages_are_dead_lettered_with_a_reason_and_the_consumer_goes_on()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var host = await EventBusHost.StartAsync(database, fixture.Redis, _prefix);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis);
        var valid = Encoding.UTF8.GetString(CloudEventJson.Serialize(Platform.EventBus.Outbox.OutboxMessage.For(
            new NoteWritten(Guid.NewGuid(), "template") { OrganizationId = _organization }), "/tests"));

        await redis.GetDatabase().StreamAddAsync(NotesStream, RedisStreams.EventField, "this is not a CloudEvent");
        await redis.GetDatabase().StreamAddAsync(NotesStream, RedisStreams.EventField, valid.Replace("platform.test.note-written", "platform.test.never-heard-of", StringComparison.Ordinal));
        await redis.GetDatabase().StreamAddAsync(NotesStream, RedisStreams.EventField, valid.Replace("\"schemaversion\":1", "\"schemaversion\":2", StringComparison.Ordinal));
        await redis.GetDatabase().StreamAddAsync(NotesStream, "unexpected-field", "no event field at all");
        var next = await EventBusHost.WriteNoteAsync(database, _organization, "after the garbage");

        Assert.Equal(next.Id, Assert.Single(await EventBusHost.WaitForReceivedAsync(database, 1)).EventId);
        await Eventually.TrueAsync(async () => (await DeadLettersAsync()).Count == 4);
        var reasons = (await DeadLettersAsync()).Select(d => d["error"].ToString()).ToList();
        // Messages of different subjects are handled in parallel, so their dead letters come in any order.
        Assert.Contains(reasons, r => r.Contains("not valid JSON", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("Unknown event type \"platform.test.never-heard-of\"", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("schema version 2; this consumer handles version 1", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("no \"event\" field", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_copies_of_an_event_read_together_are_handled_once()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var host = await EventBusHost.StartAsync(database, fixture.Redis, _prefix);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis);
        await Eventually.TrueAsync(async () => await redis.GetDatabase().KeyExistsAsync(NotesStream));
        var twice = new NoteWritten(Guid.NewGuid(), "published twice") { OrganizationId = _organization };
        var message = CloudEventJson.Serialize(Platform.EventBus.Outbox.OutboxMessage.For(twice), "/tests");

        // What a relay does when Redis took the first copy but the answer was lost (seen while Redis restarted). In
        // one transaction, so the waiting consumer reads both copies at once.
        var publish = redis.GetDatabase().CreateTransaction();
        _ = publish.StreamAddAsync(NotesStream, RedisStreams.EventField, message);
        _ = publish.StreamAddAsync(NotesStream, RedisStreams.EventField, message);
        Assert.True(await publish.ExecuteAsync());

        // Copies read together are handled in one transaction: a second row would be there with the first.
        Assert.Equal(twice.Id, Assert.Single(await EventBusHost.WaitForReceivedAsync(database, 1)).EventId);
    }

    [Fact]
    public async Task Events_committed_while_redis_restarts_are_all_handled_once()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var host = await EventBusHost.StartAsync(database, fixture.Redis, _prefix);
        const int Total = 60;
        var written = new List<Guid>();

        for (var i = 0; i < Total; i++)
        {
            if (i == 20)
            {
                await fixture.Servers.App.ResourceCommands.ExecuteCommandAsync("cache", "resource-stop", TestContext.Current.CancellationToken);
            }

            if (i == 40)
            {
                await fixture.Servers.App.ResourceCommands.ExecuteCommandAsync("cache", "resource-start", TestContext.Current.CancellationToken);
            }

            written.Add((await EventBusHost.WriteNoteAsync(database, _organization, $"note {i}")).Id);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var received = await EventBusHost.WaitForReceivedAsync(database, Total);
        Assert.Equal(written.Order(), received.Select(r => r.EventId).Order());
    }

    [Fact]
    public async Task Consumers_that_stopped_long_ago_leave_the_group()
    {
        var database = await fixture.CreateDatabaseAsync();
        // Consumers silent for ten consumer timeouts (here 2 s) with nothing pending are dead.
        await using var host = await EventBusHost.StartAsync(database, fixture.Redis, _prefix, settings:
            [new("EventBus:ConsumerTimeout", "00:00:00.200"), new("EventBus:ClaimInterval", "00:00:00.200")]);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis);
        await Eventually.TrueAsync(async () => await redis.GetDatabase().KeyExistsAsync(NotesStream));

        await redis.GetDatabase().ExecuteAsync("XGROUP", "CREATECONSUMER", NotesStream, "notes-consumer", "crashed-long-ago");

        await Eventually.TrueAsync(async () =>
            (await redis.GetDatabase().StreamConsumerInfoAsync(NotesStream, "notes-consumer")).All(c => c.Name != "crashed-long-ago"));
        var written = await EventBusHost.WriteNoteAsync(database, _organization, "still consumed");
        Assert.Equal(written.Id, Assert.Single(await EventBusHost.WaitForReceivedAsync(database, 1)).EventId);
    }

    private async Task<List<Dictionary<string, RedisValue>>> DeadLettersAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis);
        var entries = await redis.GetDatabase().StreamRangeAsync($"{NotesStream}:dead-letter");
        return [.. entries.Select(e => e.Values.ToDictionary(v => v.Name.ToString(), v => v.Value))];
    }
}
