using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Platform.Collaboration.Tests;

/// <summary>A live connection opened with an access token ends when the token expires, not when it next calls.</summary>
public sealed class LiveCredentialsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_connection_ends_at_its_tokens_expiry()
    {
        var credentials = new LiveCredentials(new ServiceCollection().BuildServiceProvider(), _clock, NullLogger<LiveCredentials>.Instance);
        var ended = 0;
        using var connection = credentials.Watch(Authenticated(_clock.GetUtcNow().AddMinutes(15)), () => ended++);

        _clock.Advance(TimeSpan.FromMinutes(14));
        await credentials.SweepAsync(TestContext.Current.CancellationToken);
        Assert.True(connection.IsGood);
        Assert.Equal(0, ended);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(connection.IsGood);
        await credentials.SweepAsync(TestContext.Current.CancellationToken);
        await credentials.SweepAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, ended);
    }

    [Fact]
    public void A_connection_whose_token_has_already_expired_ends_at_once()
    {
        var credentials = new LiveCredentials(new ServiceCollection().BuildServiceProvider(), _clock, NullLogger<LiveCredentials>.Instance);
        var ended = 0;

        using var connection = credentials.Watch(Authenticated(_clock.GetUtcNow()), () => ended++);

        Assert.Equal(1, ended);
        Assert.False(connection.IsGood);
    }

    private static DefaultHttpContext Authenticated(DateTimeOffset expiresAt)
    {
        var http = new DefaultHttpContext();
        var ticket = new AuthenticationTicket(new System.Security.Claims.ClaimsPrincipal(), new AuthenticationProperties { ExpiresUtc = expiresAt }, "test");
        http.Features.Set<IAuthenticateResultFeature>(new ResultFeature { AuthenticateResult = AuthenticateResult.Success(ticket) });
        return http;
    }

    private sealed class ResultFeature : IAuthenticateResultFeature
    {
        public AuthenticateResult? AuthenticateResult { get; set; }
    }
}
