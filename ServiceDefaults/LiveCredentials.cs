using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Connections that outlive their request's authentication (hub connections, MCP listen streams) are ended when the
/// credentials they were opened with stop being good: at a token's expiry, and within <see cref="Deadline"/> of a personal
/// access token being revoked (or its owner leaving the organization), which is what REST callers are promised too.
/// </summary>
public sealed class LiveCredentials(IServiceProvider services, TimeProvider clock, ILogger<LiveCredentials> logger) : BackgroundService
{
    /// <summary>How late a revocation may reach a live connection at most.</summary>
    public static readonly TimeSpan Deadline = PersonalAccessTokenVerifier.CacheTime;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Connection, byte> _connections = new();

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// Watches the credentials <paramref name="http"/> was authenticated with; <paramref name="end"/> runs once when they
    /// are no longer good. Dispose the result when the connection closes.
    /// </summary>
    public Connection Watch(HttpContext http, Action end)
    {
        var properties = http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties;
        var connection = new Connection(this, properties?.ExpiresUtc, PersonalAccessTokenHandler.SecretOf(properties), end);
        _connections.TryAdd(connection, 0);
        if (connection.ExpiresAt <= Now)
        {
            connection.End();
        }

        return connection;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The identity service may be away for a moment: the next sweep asks again, and the connections stay.
                logger.LogWarning(e, "Checking the credentials of live connections failed");
            }
        }
    }

    /// <summary>Ends every watched connection whose credentials expired, or were revoked as of at most <see cref="Deadline"/> ago.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        // A typed HttpClient per sweep (so handlers rotate as the client factory intends), when a connection needs one.
        PersonalAccessTokenVerifier? verifier = null;
        foreach (var connection in _connections.Keys)
        {
            if (connection.ExpiresAt <= now)
            {
                connection.End();
            }
            else if (connection.PersonalAccessToken is { } token
                && await (verifier ??= services.GetRequiredService<PersonalAccessTokenVerifier>()).VerifyAsync(token, cancellationToken, maxAge: Deadline - SweepInterval) is null)
            {
                connection.End();
            }
        }
    }

    /// <summary>One watched connection: <see cref="IsGood"/> until its credentials end.</summary>
    public sealed class Connection(LiveCredentials owner, DateTimeOffset? expiresAt, string? personalAccessToken, Action end) : IDisposable
    {
        private int _ended;

        internal DateTimeOffset? ExpiresAt { get; } = expiresAt;

        internal string? PersonalAccessToken { get; } = personalAccessToken;

        /// <summary>False once the credentials expired or were found revoked.</summary>
        public bool IsGood => Volatile.Read(ref _ended) == 0 && !(ExpiresAt <= owner.Now);

        internal void End()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                owner._connections.TryRemove(this, out _);
                end();
            }
        }

        public void Dispose() => owner._connections.TryRemove(this, out _);
    }
}
