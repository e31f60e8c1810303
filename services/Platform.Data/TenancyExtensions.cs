using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Data;

namespace Microsoft.Extensions.Hosting;

public static class TenancyExtensions
{
    /// <summary>Registers the tenant context and the interceptor a service's DbContext adds with <c>AddInterceptors</c>.</summary>
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.TryAddSingleton<TenantContext>();
        services.TryAddSingleton<TenantConnectionInterceptor>();
        return services;
    }

    /// <summary>
    /// After authentication: the rest of the request acts for the organization in the caller's token
    /// (claim <c>org</c>), and for none when there is no such claim.
    /// </summary>
    public static IApplicationBuilder UseTenantContext(this IApplicationBuilder app) => app.Use(async (HttpContext context, RequestDelegate next) =>
    {
        if (context.User.OrganizationIdOrNull() is { } organizationId)
        {
            using (context.RequestServices.GetRequiredService<TenantContext>().Enter(organizationId))
            {
                await next(context);
            }

            return;
        }

        await next(context);
    });
}
