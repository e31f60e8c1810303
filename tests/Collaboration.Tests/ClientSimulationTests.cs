using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Tests;

/// <summary>
/// Several <see cref="OtClient"/>s against a minimal authoritative server with random delays and reordered delivery:
/// the live-editing protocol (README "Collaboration") without the network.
/// </summary>
public sealed class ClientSimulationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Clients_editing_undoing_and_reconnecting_converge(int seed)
    {
        var edits = new RandomEdits(seed);
        var server = new Server("shared ✍️ text");
        var clients = Enumerable.Range(0, 4).Select(i => new SimulatedClient(new OtClient($"client-{i}", 0, server.Text))).ToList();

        for (var step = 0; step < 2000; step++)
        {
            var client = clients[edits.Random.Next(clients.Count)];
            switch (edits.Random.Next(10))
            {
                case < 4:
                    client.Outbox.Enqueue(client.Ot.ApplyLocal(edits.Op(client.Ot.Document.Length), edits.Random.Next(2) == 0));
                    break;
                case 4:
                    client.Outbox.Enqueue(edits.Random.Next(2) == 0 ? client.Ot.Undo() : client.Ot.Redo());
                    break;
                case < 7:
                    // The server takes the client's next submission (possibly a lost ack's resubmission: handled once).
                    if (client.Outbox.TryDequeue(out var submission) && submission is not null)
                    {
                        server.Submit(client.Ot.ClientId, submission, clients);
                    }
                    break;
                case < 9:
                    client.DeliverOne(edits.Random);
                    break;
                default:
                    // Reconnect: pending deliveries are lost; catch up from the server's log, then resend what is in flight.
                    client.Inbox.Clear();
                    client.Outbox.Clear();
                    foreach (var op in server.Since(client.Ot.Version))
                    {
                        client.Outbox.Enqueue(client.Ot.Receive(op).Next);
                    }
                    client.Outbox.Enqueue(client.Ot.InFlight);
                    break;
            }
        }

        // Drain: everything sent is committed and everything committed is delivered.
        for (var round = 0; clients.Any(c => c.Outbox.Count > 0 || c.Inbox.Count > 0); round++)
        {
            Assert.True(round < 10_000, "The simulation did not settle.");
            foreach (var client in clients)
            {
                if (client.Outbox.TryDequeue(out var submission) && submission is not null)
                {
                    server.Submit(client.Ot.ClientId, submission, clients);
                }
                client.DeliverOne(edits.Random);
            }
        }
        Assert.All(clients, c => Assert.Equal(server.Text, c.Ot.Document.ToString()));
        Assert.All(clients, c => Assert.True(c.Ot.IsSynchronized));
    }

    [Fact]
    public void Undo_removes_only_my_edit_while_others_keep_theirs()
    {
        var server = new Server("");
        var alice = new SimulatedClient(new OtClient("alice", 0, ""));
        var bob = new SimulatedClient(new OtClient("bob", 0, ""));
        var clients = new[] { alice, bob };
        void Sync() => SyncAll(server, clients);

        alice.Outbox.Enqueue(alice.Ot.ApplyLocal(TextOperation.Insert(0, "Hello")));
        Sync();
        bob.Outbox.Enqueue(bob.Ot.ApplyLocal(TextOperation.Insert(5, " world")));
        alice.Outbox.Enqueue(alice.Ot.ApplyLocal(TextOperation.Insert(0, "Oh, ")));
        Sync();
        Assert.Equal("Oh, Hello world", server.Text);

        alice.Outbox.Enqueue(alice.Ot.Undo());
        Sync();
        Assert.Equal("Hello world", server.Text);
        alice.Outbox.Enqueue(alice.Ot.Undo());
        Sync();
        Assert.Equal(" world", server.Text);
        alice.Outbox.Enqueue(alice.Ot.Redo());
        Sync();
        Assert.Equal("Hello world", server.Text);
        Assert.Equal(server.Text, bob.Ot.Document.ToString());
    }

    [Fact]
    public void A_client_without_undo_history_edits_like_any_other_and_has_nothing_to_undo()
    {
        var server = new Server("");
        var typist = new SimulatedClient(new OtClient("typist", 0, "", undoSteps: 0));
        var other = new SimulatedClient(new OtClient("other", 0, ""));
        var clients = new[] { typist, other };

        typist.Outbox.Enqueue(typist.Ot.ApplyLocal(TextOperation.Insert(0, "abc")));
        other.Outbox.Enqueue(other.Ot.ApplyLocal(TextOperation.Insert(0, "123")));
        SyncAll(server, clients);
        typist.Outbox.Enqueue(typist.Ot.ApplyLocal(TextOperation.Delete(0, 1)));
        SyncAll(server, clients);

        Assert.Equal(server.Text, typist.Ot.Document.ToString());
        Assert.Equal(server.Text, other.Ot.Document.ToString());
        Assert.Equal(5, server.Text.Length);
        Assert.False(typist.Ot.History.CanUndo);
        Assert.Null(typist.Ot.Undo());
        Assert.True(other.Ot.History.CanUndo);
    }

    [Fact]
    public void One_commits_operations_received_together_ack_the_op_in_flight_and_send_the_buffer_on_the_latest_version()
    {
        var client = new OtClient("a", 0, "");
        var sent = client.ApplyLocal(TextOperation.Insert(0, "x"))!;
        Assert.Null(client.ApplyLocal(TextOperation.Insert(1, "y")));

        var received = client.Receive([
            new CommittedOp(1, "b", 1, TextOperation.Insert(0, "B")),
            new CommittedOp(2, "a", sent.ClientSeq, TextOperation.Insert(0, "x")),
            new CommittedOp(3, "b", 2, TextOperation.Insert(0, "C")),
        ]);

        Assert.Equal(2, received.Applied.Count);
        Assert.Equal(3, client.Version);
        Assert.Equal(new Submission(3, sent.ClientSeq + 1, received.Next!.Op), received.Next);
        Assert.Same(client.InFlight, received.Next);
        Assert.Equal("BCxy", string.Concat(client.Document.ToString().Order()));
    }

    [Fact]
    public void Edits_that_cancel_out_while_an_op_is_in_flight_send_nothing_after_the_ack()
    {
        var client = new OtClient("a", 0, "");
        var sent = client.ApplyLocal(TextOperation.Insert(0, "x"))!;
        Assert.Null(client.ApplyLocal(TextOperation.Insert(1, "y")));
        Assert.Null(client.ApplyLocal(TextOperation.Build().Skip(1).Delete(1).Build()));

        var received = client.Receive(new CommittedOp(1, "a", sent.ClientSeq, sent.Op));

        Assert.Null(received.Next);
        Assert.True(client.IsSynchronized);
        Assert.Equal("x", client.Document.ToString());
    }

    [Fact]
    public void The_op_in_flight_is_always_as_of_the_clients_version_so_resending_it_as_it_stands_converges()
    {
        var server = new Server("hello world");
        var client = new OtClient("a", 0, "hello world");
        var sent = client.ApplyLocal(TextOperation.Insert(5, "X"))!;
        server.Submit("b", new Submission(0, 1, TextOperation.Insert(0, "AB")), []);

        client.Receive(server.Since(0));
        // The first send was lost with the connection: the op in flight goes again as it stands.
        var resent = client.InFlight!;
        server.Submit("a", resent, []);

        Assert.Equal((1, sent.ClientSeq), (resent.BaseVersion, resent.ClientSeq));
        Assert.Equal("ABhelloX world", server.Text);
        Assert.Equal(server.Text, client.Document.ToString());
        // Had the first send arrived, the resent one is recognized by its sequence number and changes nothing.
        var other = new Server("hello world");
        other.Submit("b", new Submission(0, 1, TextOperation.Insert(0, "AB")), []);
        other.Submit("a", sent, []);
        other.Submit("a", resent, []);
        Assert.Equal("ABhelloX world", other.Text);
    }

    /// <summary>Sends every queued submission to the server, then delivers everything until all inboxes are empty.</summary>
    private static void SyncAll(Server server, SimulatedClient[] clients)
    {
        foreach (var c in clients)
        {
            while (c.Outbox.TryDequeue(out var s))
            {
                if (s is not null)
                {
                    server.Submit(c.Ot.ClientId, s, clients);
                }
            }
        }
        foreach (var c in clients)
        {
            while (c.Inbox.Count > 0)
            {
                c.DeliverOne(new Random(0));
            }
        }
    }

    private sealed class SimulatedClient(OtClient ot)
    {
        public OtClient Ot { get; } = ot;

        public Queue<Submission?> Outbox { get; } = new();

        public List<CommittedOp> Inbox { get; } = [];

        /// <summary>Delivers a random pending message: a backplane does not promise order.</summary>
        public void DeliverOne(Random random)
        {
            if (Inbox.Count == 0)
            {
                return;
            }
            var index = random.Next(Inbox.Count);
            var op = Inbox[index];
            Inbox.RemoveAt(index);
            Outbox.Enqueue(Ot.Receive(op).Next);
        }
    }

    /// <summary>The server's rule: transform a late op past each committed op in turn; a repeated (client, seq) is acknowledged, not applied.</summary>
    private sealed class Server(string text)
    {
        private readonly List<CommittedOp> _log = [];

        public string Text { get; private set; } = text;

        public List<CommittedOp> Since(int version) => _log.Skip(version).ToList();

        public void Submit(string clientId, Submission submission, IEnumerable<SimulatedClient> clients)
        {
            var existing = _log.FirstOrDefault(c => c.ClientId == clientId && c.ClientSeq == submission.ClientSeq);
            var committed = existing;
            if (committed is null)
            {
                var op = submission.Op;
                for (var v = submission.BaseVersion; v < _log.Count; v++)
                {
                    op = TextOperation.Transform(op, _log[v].Op, Side.Left);
                }
                Text = op.Apply(Text);
                committed = new CommittedOp(_log.Count + 1, clientId, submission.ClientSeq, op);
                _log.Add(committed);
            }
            foreach (var client in clients)
            {
                if (existing is null || client.Ot.ClientId == clientId)
                {
                    client.Inbox.Add(committed);
                }
            }
        }
    }
}
