using Microsoft.AspNetCore.SignalR;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Hub connections end when their credentials do (<see cref="LiveCredentials"/>); a call that arrives in between is
/// refused, so nothing is done for a connection whose token was revoked or has expired.
/// </summary>
public sealed class LiveCredentialsHubFilter(LiveCredentials credentials) : IHubFilter
{
    private const string ItemKey = "credentials";

    public const string Refusal = "unauthorized: The connection's token was revoked or has expired; reconnect with a fresh token.";

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var connection = context.Context;
        connection.Items[ItemKey] = credentials.Watch(connection.GetHttpContext()!, connection.Abort);
        return next(context);
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = invocationContext.Context;
        if (connection.Items.TryGetValue(ItemKey, out var watched) && watched is LiveCredentials.Connection { IsGood: false })
        {
            connection.Abort();
            throw new HubException(Refusal);
        }

        return next(invocationContext);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.TryGetValue(ItemKey, out var watched))
        {
            (watched as IDisposable)?.Dispose();
        }

        return next(context, exception);
    }
}
