using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Data.Tests;

public class TenantContextMiddlewareTests
{
    [Fact]
    public async Task A_request_acts_for_the_organization_in_its_token_and_for_none_after_it()
    {
        var organization = Guid.NewGuid();
        var (pipeline, tenant) = Pipeline();
        Guid? seen = null;

        await pipeline(Request(new Claim("org", organization.ToString())), context => seen = tenant.OrganizationId);

        Assert.Equal(organization, seen);
        Assert.Null(tenant.OrganizationId);
    }

    [Fact]
    public async Task A_request_without_an_organization_claim_acts_for_none()
    {
        var (pipeline, tenant) = Pipeline();
        Guid? seen = Guid.NewGuid();

        await pipeline(Request(new Claim("org", "not-a-guid")), context => seen = tenant.OrganizationId);

        Assert.Null(seen);
    }

    private static DefaultHttpContext Request(params Claim[] claims) =>
        new() { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) };

    private static (Func<HttpContext, Action<HttpContext>, Task> Run, TenantContext Tenant) Pipeline()
    {
        var services = new ServiceCollection().AddTenancy().BuildServiceProvider();
        var tenant = services.GetRequiredService<TenantContext>();
        return (async (context, endpoint) =>
        {
            context.RequestServices = services;
            var app = new ApplicationBuilder(services);
            app.UseTenantContext();
            app.Run(c =>
            {
                endpoint(c);
                return Task.CompletedTask;
            });
            await app.Build()(context);
        }, tenant);
    }
}
