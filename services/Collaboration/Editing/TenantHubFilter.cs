using Microsoft.AspNetCore.SignalR;
using Platform.Collaboration.Ot;
using Platform.Data;

namespace Platform.Collaboration.Editing;

/// <summary>
/// Every hub call acts for the organization in the connection's token (row-level security sees it), and a refused
/// call becomes a hub error the client can read: <c>code: message</c>. Other failures stay generic.
/// </summary>
public sealed class TenantHubFilter(TenantContext tenant, CollaborationMetrics metrics, ILogger<TenantHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.Context.User?.OrganizationIdOrNull() is not { } organizationId)
        {
            throw new HubException("forbidden: The token names no organization.");
        }
        using (tenant.Enter(organizationId))
        {
            try
            {
                return await next(invocationContext);
            }
            catch (CollaborationException e)
            {
                metrics.Refused(e.Code);
                throw new HubException($"{e.Code}: {e.Message}");
            }
            catch (InvalidTextOperationException e)
            {
                metrics.Refused("op_invalid");
                throw new HubException($"op_invalid: {e.Message}");
            }
            catch (Exception e) when (e is not HubException and not OperationCanceledException)
            {
                logger.LogError(e, "Hub method {Method} failed", invocationContext.HubMethodName);
                throw;
            }
        }
    }
}
