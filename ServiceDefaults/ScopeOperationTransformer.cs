using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Writes each route's authorization into its API description: no <c>security</c> for an anonymous route; otherwise
/// one requirement per way of being let in (a bearer token, or signing in through the identity service), each listing
/// the scopes it needs (OpenAPI 3.1 lets a bearer scheme name them), with the 401 and 403 answers the route can give.
/// </summary>
internal sealed class ScopeOperationTransformer(IAuthorizationPolicyProvider policies) : IOpenApiOperationTransformer
{
    public const string SchemeName = "bearer";

    /// <summary>The same tokens, got by signing in through the identity service (what Scalar's "try it" offers).</summary>
    public const string OAuthSchemeName = "oauth2";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorizeData = metadata.OfType<IAuthorizeData>().ToList();
        if (authorizeData.Count == 0 || metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies, authorizeData, metadata.OfType<AuthorizationPolicy>());
        // Every scope requirement must hold, each by one of its scopes: the ways in are one scope from each.
        IEnumerable<IEnumerable<string>> waysIn = [[]];
        foreach (var requirement in policy?.Requirements.OfType<ScopeRequirement>() ?? [])
        {
            waysIn = waysIn.SelectMany(scopes => requirement.AnyOf.Select(scope => scopes.Append(scope)));
        }

        operation.Security = [.. waysIn.SelectMany(scopes => new[] { SchemeName, OAuthSchemeName }.Select(scheme => new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [.. scopes],
        }))];
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No token, or one that is expired, revoked or forged." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token lacks the scope this route needs." });
    }

    public static Task DeclareSchemeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An access token from the identity service, or a personal access token (plat_…).",
        };
        var authority = context.ApplicationServices.GetRequiredService<IConfiguration>()[Extensions.AuthorityConfigurationKey]?.TrimEnd('/');
        if (authority is not null)
        {
            document.Components.SecuritySchemes[OAuthSchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "Sign in through the identity service (code flow with PKCE) as a client the organization registered (POST /api/identity/organization/apps).",
                Flows = new OpenApiOAuthFlows
                {
                    AuthorizationCode = new OpenApiOAuthFlow
                    {
                        AuthorizationUrl = new Uri($"{authority}/connect/authorize"),
                        TokenUrl = new Uri($"{authority}/connect/token"),
                        RefreshUrl = new Uri($"{authority}/connect/token"),
                        Scopes = PlatformScopes.All.ToDictionary(scope => scope, PlatformScopes.Describe),
                    },
                },
            };
        }
        return Task.CompletedTask;
    }
}
