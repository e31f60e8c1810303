using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Platform.Contracts;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.Benchmarks.Notifications;

/// <summary>
/// <c>notifications-graph [assignments]</c>: from a producer's commit to the inbox, through the whole graph. An owner
/// assigns tasks to a member, one at a time, through the gateway; the projects service commits the change with its
/// event (outbox), the relay publishes it, the notifications service's consumer makes the member's notification and
/// commits it, and then tells the web client on Redis (<see cref="LiveNotices.InboxChanged"/>), which this benchmark
/// listens to as the web client does. The producer's commit lies between the request's start and its answer, so the
/// time to the notice is reported from both: a lower and an upper bound of commit → inbox.
/// </summary>
internal static class NotificationsGraphBench
{
    private const string Scopes = "openid projects:read projects:write org:admin account";

    public static async Task<int> RunAsync(int assignments)
    {
        var cancellationToken = CancellationToken.None;
        await using var graph = await BenchGraph.StartAsync();
        var app = graph.App;
        await app.ResourceNotifications.WaitForResourceHealthyAsync("notifications").WaitAsync(TimeSpan.FromMinutes(3));
        using var gateway = app.CreateHttpClient("gateway", "http");

        using var ownerFlow = new SignInFlow(app.GetEndpoint("identity", "http"));
        var owner = (await ownerFlow.SignUpAndSignInAsync(Scopes, cancellationToken)).Tokens.GetProperty("access_token").GetString()!;
        using var memberFlow = new SignInFlow(app.GetEndpoint("identity", "http"));
        var (memberTokens, memberEmail) = await memberFlow.SignUpAndSignInAsync(Scopes, cancellationToken);
        var invitation = await SendAsync(gateway, HttpMethod.Post, "/api/identity/organization/invitations", owner, new { email = memberEmail, role = "member" });
        await SendAsync(gateway, HttpMethod.Post, $"/api/identity/me/invitations/{invitation.GetProperty("id").GetString()}/accept",
            memberTokens.GetProperty("access_token").GetString()!);
        var organization = SignInFlow.Payload(owner).GetProperty("org").GetString()!;
        var member = (await memberFlow.SignInAsync(memberEmail, Scopes, organization, cancellationToken)).GetProperty("access_token").GetString()!;
        var memberId = SignInFlow.Payload(member).GetProperty("sub").GetString()!;

        const int warmUp = 20;
        await SendAsync(gateway, HttpMethod.Post, "/api/projects/projects", owner, new { key = "BENCH", name = "Bench" });
        for (var i = 1; i <= assignments + warmUp; i++)
        {
            await SendAsync(gateway, HttpMethod.Post, "/api/projects/projects/BENCH/tasks", owner, new { title = $"Task {i}" });
        }

        using var redis = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("cache", cancellationToken))!);
        TaskCompletionSource<long>? told = null;
        var mine = $"{organization}/{memberId}";
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(LiveNotices.InboxChanged), (_, message) =>
        {
            if (message == mine)
            {
                told?.TrySetResult(Stopwatch.GetTimestamp());
            }
        });

        var fromAnswer = new List<double>();
        var fromStart = new List<double>();
        for (var i = 1; i <= assignments + warmUp; i++)
        {
            told = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = Stopwatch.GetTimestamp();
            await SendAsync(gateway, HttpMethod.Patch, $"/api/projects/tasks/BENCH-{i}", owner, new { assignee = memberId });
            var answered = Stopwatch.GetTimestamp();
            var at = await told.Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (i > warmUp)
            {
                fromAnswer.Add(Stopwatch.GetElapsedTime(answered, at).TotalMilliseconds);
                fromStart.Add(Stopwatch.GetElapsedTime(started, at).TotalMilliseconds);
            }
        }

        fromAnswer.Sort();
        fromStart.Sort();
        Console.WriteLine($"{assignments} assignments through the gateway, one at a time, to the member's inbox notice:");
        Console.WriteLine($"  from the change's answer (after its commit): p50 {Percentiles.Of(fromAnswer, 50):F1} ms, p99 {Percentiles.Of(fromAnswer, 99):F1} ms");
        Console.WriteLine($"  from the change's request (before its commit): p50 {Percentiles.Of(fromStart, 50):F1} ms, p99 {Percentiles.Of(fromStart, 99):F1} ms");
        return 0;
    }

    private static async Task<JsonElement> SendAsync(HttpClient gateway, HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await gateway.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
