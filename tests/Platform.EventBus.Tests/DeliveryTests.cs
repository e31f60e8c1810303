using System.Diagnostics;
using Npgsql;
using Platform.Testing;

namespace Platform.EventBus.Tests;

public sealed class DeliveryTests(EventBusFixture fixture)
{
    private readonly Guid _organization = Guid.NewGuid();
    private readonly string _prefix = $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task An_event_committed_with_its_change_is_handled_once_in_its_organization()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var host = await EventBusHost.StartAsync(database, fixture.Redis, _prefix);

        var written = await EventBusHost.WriteNoteAsync(database, _organization, "hello");

        var received = Assert.Single(await EventBusHost.WaitForReceivedAsync(database, 1));
        Assert.Equal(written.Id, received.EventId);
        Assert.Equal("hello", received.Text);
        Assert.Equal(_organization.ToString(), received.Tenant);
    }

    [Fact]
    public async Task An_append_only_handler_is_saved_per_batch_each_row_under_its_own_organization()
    {
        var database = await fixture.CreateDatabaseAsync();
        // Every row must be written while its own organization is in force, as row-level security checks it (a trigger
        // here, since the test connects as the database's superuser, whom policies do not bind).
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var check = new NpgsqlCommand("""
                CREATE FUNCTION written_in_its_organization() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW."Tenant" IS DISTINCT FROM current_setting('app.current_organization', true) THEN
                        RAISE EXCEPTION 'row of % written under %', NEW."Tenant", current_setting('app.current_organization', true);
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER written_in_its_organization BEFORE INSERT ON received_notes FOR EACH ROW EXECUTE FUNCTION written_in_its_organization();
                """, connection);
            await check.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        var other = Guid.NewGuid();
        var note = Guid.NewGuid();
        var written = new List<NoteWritten>();
        for (var i = 0; i < 12; i++)
        {
            // One subject, so one lane and one transaction, whose organization changes with every other event.
            written.Add(await EventBusHost.WriteNoteAsync(database, i % 4 < 2 ? _organization : other, $"note {i}", note));
        }
        var calls = 0;
        var behaviour = new HandlerBehaviour { BeforeWrite = (_, _) => { Interlocked.Increment(ref calls); return Task.CompletedTask; } };

        await using var host = await EventBusHost.StartAsync(database, fixture.Redis, _prefix, behaviour, appendOnly: true);

        var received = await EventBusHost.WaitForReceivedAsync(database, written.Count);
        Assert.Equal(written.Select(w => w.Id), received.Select(r => r.EventId).Order());
        Assert.All(received, r => Assert.Equal(written.Single(w => w.Id == r.EventId).OrganizationId.ToString(), r.Tenant));
        // Handled once each: no batch failed and was handled again event by event.
        Assert.Equal(written.Count, calls);
    }

    [Fact]
    public async Task Events_committed_while_no_relay_ran_are_published_when_one_starts()
    {
        var database = await fixture.CreateDatabaseAsync();
        var first = await EventBusHost.WriteNoteAsync(database, _organization, "before the crash");
        var second = await EventBusHost.WriteNoteAsync(database, _organization, "also before");

        await using var host = await EventBusHost.StartAsync(database, fixture.Redis, _prefix);

        var received = await EventBusHost.WaitForReceivedAsync(database, 2);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), received.Select(r => r.EventId).Order());
    }

    [Fact]
    public async Task A_standby_relay_holds_no_transaction_open_while_it_waits_and_takes_over_when_the_leader_stops()
    {
        var database = await fixture.CreateDatabaseAsync();
        var leader = await EventBusHost.StartAsync(database, fixture.Redis, _prefix);
        await using var standby = await EventBusHost.StartAsync(database, fixture.Redis, _prefix);
        await EventBusHost.WriteNoteAsync(database, _organization, "while both run");
        await EventBusHost.WaitForReceivedAsync(database, 1);

        // A session waiting inside one statement would keep Postgres from cleaning up rows updated since it began.
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.Equal(0, await CountAsync(database,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND now() - xact_start > interval '1 second'"));

        await leader.DisposeAsync();
        var written = await EventBusHost.WriteNoteAsync(database, _organization, "after the leader stopped");
        Assert.Contains(written.Id, (await EventBusHost.WaitForReceivedAsync(database, 2)).Select(r => r.EventId));
    }

    [Fact]
    public async Task Events_of_one_subject_are_handled_in_commit_order()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var host = await EventBusHost.StartAsync(database, fixture.Redis, _prefix);
        var note = Guid.NewGuid();
        var written = new List<Guid>();

        for (var edit = 0; edit < 20; edit++)
        {
            written.Add((await EventBusHost.WriteNoteAsync(database, _organization, $"edit {edit}", note)).Id);
            // Some edits of other subjects in between, which may be handled in parallel.
            await EventBusHost.WriteNoteAsync(database, _organization, "elsewhere");
        }

        var received = await EventBusHost.WaitForReceivedAsync(database, 40);
        Assert.Equal(written, received.Where(r => r.NoteId == note).Select(r => r.EventId));
    }

    [Fact]
    public async Task An_event_published_again_after_a_crash_before_it_was_marked_sent_is_handled_once()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var host = await EventBusHost.StartAsync(database, fixture.Redis, _prefix);
        var written = await EventBusHost.WriteNoteAsync(database, _organization, "twice on the wire");
        await EventBusHost.WaitForReceivedAsync(database, 1);

        // As if the relay had crashed after publishing and before marking: it publishes the event again.
        await ExecuteAsync(database, "UPDATE outbox_messages SET sent_at = NULL");
        await Eventually.TrueAsync(async () => await CountAsync(database, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") == 0);
        await Eventually.TrueAsync(async () => await CountAsync(database, "SELECT count(*) FROM inbox_messages") == 1);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var received = Assert.Single(await EventBusHost.ReceivedAsync(database));
        Assert.Equal(written.Id, received.EventId);
    }

    [Fact]
    public async Task The_handler_runs_in_the_producers_trace()
    {
        using var source = new ActivitySource("Platform.EventBus.Tests");
        var handled = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Platform.EventBus.Tests" or EventBusTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (handled)
                {
                    handled.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var database = await fixture.CreateDatabaseAsync();
        await using var host = await EventBusHost.StartAsync(database, fixture.Redis, _prefix);

        ActivityTraceId producerTrace;
        using (var request = source.StartActivity("request"))
        {
            producerTrace = request!.TraceId;
            await EventBusHost.WriteNoteAsync(database, _organization, "traced");
        }

        await EventBusHost.WaitForReceivedAsync(database, 1);
        // Other tests run at the same time; the listener sees their activities too.
        await Eventually.TrueAsync(() => Task.FromResult(Snapshot(handled).Any(a => a.TraceId == producerTrace && a.DisplayName == "process platform.test.note-written")));

        var processing = Snapshot(handled).Single(a => a.TraceId == producerTrace && a.DisplayName == "process platform.test.note-written");
        Assert.Equal(ActivityKind.Consumer, processing.Kind);
    }

    private static List<Activity> Snapshot(List<Activity> activities)
    {
        lock (activities)
        {
            return [.. activities];
        }
    }

    internal static async Task<long> CountAsync(string database, string sql) => Convert.ToInt64(await ScalarAsync(database, sql), System.Globalization.CultureInfo.InvariantCulture);

    internal static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    private static async Task ExecuteAsync(string database, string sql) => await ScalarAsync(database, sql);
}
