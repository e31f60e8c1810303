using Aspire.Hosting.Testing;
using Npgsql;

namespace Platform.IntegrationTests;

/// <summary>What a service's own database logins can read, table by table and database by database.</summary>
public sealed class DatabaseIsolationTests(PlatformFixture platform)
{
    private static readonly string[] Databases = ["identitydb", "projectsdb", "collabdb", "aidb", "analyticsdb", "webhooksdb", "notificationsdb", "filesdb"];

    /// <summary>
    /// The tables that are not under row-level security, and why. A table missing from here must have FORCE ROW LEVEL
    /// SECURITY and a policy; one listed here that has them has outgrown its reason and goes.
    /// </summary>
    private static readonly Dictionary<string, string> NotIsolated = new()
    {
        ["identitydb.users"] = "identity is the authority that finds which organizations a person is in; it reads accounts before any organization is known",
        ["identitydb.user_claims"] = "an account's claims, read with the account",
        ["identitydb.user_logins"] = "an account's external logins, read with the account",
        ["identitydb.user_tokens"] = "an account's own tokens, read with the account",
        ["identitydb.organizations"] = "identity lists the organizations a person belongs to, across organizations, at sign-in",
        ["identitydb.memberships"] = "identity reads every membership of a person at sign-in and when switching organizations",
        ["identitydb.invitations"] = "read by the invited account, which acts in another organization, by its address",
        ["identitydb.personal_access_tokens"] = "a token is looked up by its hash before its organization is known",
        ["identitydb.OpenIddictApplications"] = "OpenIddict finds a client by its id before its organization is known",
        ["identitydb.OpenIddictAuthorizations"] = "OpenIddict's own store, read by subject and client",
        ["identitydb.OpenIddictScopes"] = "scopes are the platform's, not an organization's",
        ["identitydb.OpenIddictTokens"] = "OpenIddict finds a token by its reference id before its organization is known",
        ["identitydb.data_protection_keys"] = "the identity service's own keys, no tenant data",
        ["identitydb.token_keys"] = "the keys tokens are signed with, the platform's, not an organization's",
        ["identitydb.outbox_messages"] = "identity's announcements (memberships, new tokens), like the rest of identity's tables read across organizations by identity alone",
        ["identitydb.inbox_messages"] = "the event bus's table, empty: identity consumes no events",
        ["projectsdb.inbox_messages"] = "consumer names, event ids and times only",
        ["projectsdb.due_date_watches"] = "rule ids and dates only, scanned across organizations; each rule is then run in its organization",
        ["collabdb.inbox_messages"] = "consumer names, event ids and times only",
        ["collabdb.pending_document_events"] = "document ids and times only, scanned across organizations; each event is then written in its organization",
        ["aidb.inbox_messages"] = "consumer names, event ids and times only",
        ["analyticsdb.inbox_messages"] = "consumer names, event ids and times only",
        ["analyticsdb.known_organizations"] = "organization ids only, scanned for the periodic risk assessment; each organization is then assessed as itself",
        ["webhooksdb.inbox_messages"] = "consumer names, event ids and times only",
        ["webhooksdb.integration_directory"] = "integration and organization ids only: a sender names only the integration, so its organization is found first",
        ["webhooksdb.outbound_schedule"] = "delivery ids and times only, claimed across organizations; each delivery is then sent in its organization",
        ["notificationsdb.inbox_messages"] = "consumer names, event ids and times only",
        ["notificationsdb.delivery_schedule"] = "delivery ids and times only, claimed across organizations; each mail is then sent in its organization",
        ["notificationsdb.due_reminders"] = "task and organization ids, due dates and times only, scanned across organizations; each reminder is then made in its organization",
        ["notificationsdb.digest_schedule"] = "organization and person ids and times only, claimed across organizations; each digest is then gathered in its organization",
        ["filesdb.inbox_messages"] = "consumer names, event ids and times only",
        ["filesdb.processing_queue"] = "file and organization ids and times only, claimed across organizations; each file is then scanned in its organization",
    };

    [Fact]
    public async Task Every_table_of_every_database_is_under_forced_row_level_security_or_says_why()
    {
        var unexplained = new List<string>();
        var outgrown = new List<string>();
        foreach (var database in Databases)
        {
            await using var owner = await OwnerAsync(database);
            await using var command = owner.CreateCommand("""
                SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity AND EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
                  AND c.relname <> '__EFMigrationsHistory'
                """);
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                var table = $"{database}.{reader.GetString(0)}";
                var isolated = reader.GetBoolean(1);
                if (!isolated && !NotIsolated.ContainsKey(table))
                {
                    unexplained.Add(table);
                }
                else if (isolated && NotIsolated.ContainsKey(table))
                {
                    outgrown.Add(table);
                }
            }
        }

        Assert.True(unexplained.Count == 0, $"Without FORCE ROW LEVEL SECURITY and no reason given: {string.Join(", ", unexplained)}");
        Assert.True(outgrown.Count == 0, $"Isolated now, so their reason goes: {string.Join(", ", outgrown)}");
    }

    [Fact]
    public async Task The_outbox_shows_a_service_login_its_organizations_events_and_the_relay_every_event()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var client = await ProjectsClient.SignUpAsync(platform);
        var project = await client.CreateProjectAsync("OBX");
        await client.CreateTaskAsync("OBX", new { title = "Seen only by its organization" });
        await using var owner = await OwnerAsync("projectsdb");
        await using var ofProject = owner.CreateCommand("SELECT organization_id FROM projects WHERE id = $1");
        ofProject.Parameters.Add(new NpgsqlParameter { Value = project.GetProperty("id").GetGuid() });
        var organization = (Guid)(await ofProject.ExecuteScalarAsync(cancellationToken))!;
        await using var service = await LoginAsync("projectsdb-app");
        await using var relay = await LoginAsync("projectsdb-relay");

        var everyEvent = await CountAsync(owner, "SELECT count(*) FROM outbox_messages");
        Assert.True(everyEvent > 0);
        Assert.Equal(0, await CountAsync(service, "SELECT count(*) FROM outbox_messages"));
        await using (var inOrganization = service.CreateBatch())
        {
            inOrganization.BatchCommands.Add(new("SELECT set_config('app.current_organization', $1, true)") { Parameters = { new() { Value = organization.ToString() } } });
            inOrganization.BatchCommands.Add(new("SELECT count(*) FILTER (WHERE organization_id <> $1), count(*) FROM outbox_messages") { Parameters = { new() { Value = organization } } });
            await using var reader = await inOrganization.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            Assert.Equal(0, reader.GetInt64(0));
            Assert.True(reader.GetInt64(1) > 0);
        }

        Assert.True(await CountAsync(relay, "SELECT count(*) FROM outbox_messages") >= everyEvent);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => CountAsync(relay, "SELECT count(*) FROM tasks"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task A_services_login_cannot_connect_to_another_services_database()
    {
        var projects = new NpgsqlConnectionStringBuilder(await platform.App.GetConnectionStringAsync("projectsdb-app", TestContext.Current.CancellationToken))
        {
            Database = "collabdb",
            Pooling = false,
        };
        await using var connection = new NpgsqlConnection(projects.ConnectionString);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    private async Task<NpgsqlDataSource> OwnerAsync(string database) => await LoginAsync(database);

    private async Task<NpgsqlDataSource> LoginAsync(string connectionName) =>
        NpgsqlDataSource.Create((await platform.App.GetConnectionStringAsync(connectionName, TestContext.Current.CancellationToken))!);

    private static async Task<long> CountAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
