using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.Data.Tests;

public class TransientDatabaseFailureTests(TenantDatabaseFixture database)
{
    [Fact]
    public async Task A_request_that_finds_every_pooled_connection_busy_is_told_to_retry_not_given_a_500()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var oneConnection = new NpgsqlConnectionStringBuilder(database.ApplicationConnectionString) { MaxPoolSize = 1, Timeout = 1 };
        await using var dataSource = NpgsqlDataSource.Create(oneConnection.ConnectionString);
        await using var app = await StartAsync(dataSource, cancellationToken);
        using var client = app.GetTestClient();

        HttpResponseMessage busy;
        await using (await dataSource.OpenConnectionAsync(cancellationToken))
        {
            busy = await client.GetAsync("/answer", cancellationToken);
        }

        var problem = await busy.Content.ReadFromJsonAsync<ProblemDetails>(cancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
        Assert.Contains("try again", problem?.Detail);
        Assert.Equal(TimeSpan.FromSeconds(5), busy.Headers.RetryAfter?.Delta);

        var answered = await client.GetAsync("/answer", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    private static async Task<WebApplication> StartAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.AddDefaultErrorHandling();
        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapGet("/answer", async (CancellationToken token) =>
        {
            await using var command = dataSource.CreateCommand("SELECT 42");
            return Results.Ok(await command.ExecuteScalarAsync(token));
        });
        await app.StartAsync(cancellationToken);
        return app;
    }
}
