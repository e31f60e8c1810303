using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// The service's API description at <c>/openapi/v1.json</c>, saying for each route which scopes it needs
    /// (<see cref="ScopeOperationTransformer"/>): what clients, the Scalar UI and the security probe read.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(ScopeOperationTransformer.DeclareSchemeAsync);
            options.AddOperationTransformer<ScopeOperationTransformer>();
            options.AddSchemaTransformer(CheckedStringSchema.DescribeAsync);
        });
        return builder;
    }

    /// <summary>
    /// The description is public (it holds no tenant data); in development the Scalar UI reads it, and its "try it" signs
    /// in through the identity service (code flow with PKCE) as an app the organization registered with this page's
    /// address as its redirect.
    /// </summary>
    public static IEndpointRouteBuilder MapPlatformOpenApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference(scalar => scalar
                    .AddPreferredSecuritySchemes([ScopeOperationTransformer.OAuthSchemeName])
                    .AddAuthorizationCodeFlow(ScopeOperationTransformer.OAuthSchemeName, flow => flow.WithPkce(Pkce.Sha256)))
                .AllowAnonymous();
        }
        return app;
    }
}
