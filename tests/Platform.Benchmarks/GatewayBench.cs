using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Gateway.RateLimiting;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.Benchmarks;

/// <summary>
/// Boots the whole AppHost (local infrastructure, rate limits raised out of the way), then measures:
/// the latency the gateway adds (the same authenticated call, direct to the service and through the
/// gateway, sequentially, p50/p99), and how many rate-limit decisions per second the Redis limiter makes.
/// </summary>
internal static class GatewayBench
{
    public static async Task<int> RunAsync(int requests)
    {
        await using var graph = await BenchGraph.StartAsync();
        var app = graph.App;

        var token = await AccessTokenAsync(app.GetEndpoint("identity", "http"));
        using var direct = Client(app.GetEndpoint("identity", "http"), token);
        using var gateway = Client(app.GetEndpoint("gateway", "http"), token);

        var viaService = await MeasureAsync(direct, "/me", requests);
        var viaGateway = await MeasureAsync(gateway, "/api/identity/me", requests);
        Console.WriteLine($"requests: {requests} sequential GET /me with a JWT, after {requests / 10} warm-up calls each");
        Report("direct to identity", viaService);
        Report("through the gateway", viaGateway);
        Console.WriteLine($"gateway adds: p50 {Percentiles.Of(viaGateway, 50) - Percentiles.Of(viaService, 50):F3} ms, p99 {Percentiles.Of(viaGateway, 99) - Percentiles.Of(viaService, 99):F3} ms");

        await RateLimiterThroughputAsync((await app.GetConnectionStringAsync("cache"))!);
        return 0;
    }

    private static async Task<List<double>> MeasureAsync(HttpClient client, string path, int requests)
    {
        for (var i = 0; i < requests / 10; i++)
        {
            using var warmUp = await client.GetAsync(path);
            warmUp.EnsureSuccessStatusCode();
        }

        var samples = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            await response.Content.LoadIntoBufferAsync();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }

        samples.Sort();
        return samples;
    }

    /// <summary>The limiter alone against the graph's Redis: 16 concurrent callers, distinct users.</summary>
    private static async Task RateLimiterThroughputAsync(string redisConnectionString)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnectionString);
        var options = new StaticOptions(new RateLimitOptions { PerUserPerMinute = int.MaxValue, PerOrganizationPerMinute = int.MaxValue });
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var limiter = new RedisRateLimiter(new Microsoft.Extensions.Hosting.RedisRateCounter(redis, NullLogger<Microsoft.Extensions.Hosting.RedisRateCounter>.Instance), options, services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

        const int callers = 16;
        var perCaller = 5_000;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var context = new DefaultHttpContext
            {
                User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", $"bench-{caller}"), new Claim("org", "bench-org")], "bench")),
            };
            for (var i = 0; i < perCaller; i++)
            {
                await limiter.RetryAfterAsync(context);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"rate limiter: {callers * perCaller} decisions in {elapsed.TotalSeconds:F2} s = {callers * perCaller / elapsed.TotalSeconds:F0} decisions/s (2 Redis scripts each: user and organization)");
    }

    private static void Report(string name, List<double> samples) =>
        Console.WriteLine($"{name}: p50 {Percentiles.Of(samples, 50):F3} ms, p99 {Percentiles.Of(samples, 99):F3} ms, mean {samples.Average():F3} ms");

    private static HttpClient Client(Uri baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Signs up and signs in through the code flow with PKCE, as the integration tests do.</summary>
    private static async Task<string> AccessTokenAsync(Uri identity)
    {
        using var flow = new SignInFlow(identity);
        var (tokens, _) = await flow.SignUpAndSignInAsync("openid projects:read", CancellationToken.None);
        return tokens.GetProperty("access_token").GetString()!;
    }

    private sealed class StaticOptions(RateLimitOptions value) : IOptionsMonitor<RateLimitOptions>
    {
        public RateLimitOptions CurrentValue => value;

        public RateLimitOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RateLimitOptions, string?> listener) => null;
    }
}
