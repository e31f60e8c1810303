using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Writes each route's authorization into its API description: no <c>security</c> for an anonymous route; otherwise
/// one requirement per way of being let in, each listing the scopes it needs (OpenAPI 3.1 lets a bearer scheme name
/// them), with the 401 and 403 answers the route can give.
/// </summary>
internal sealed class ScopeOperationTransformer(IAuthorizationPolicyProvider policies) : IOpenApiOperationTransformer
{
    public const string SchemeName = "bearer";

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

        operation.Security = [.. waysIn.Select(scopes => new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [.. scopes],
        })];
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
            Description = "An access token from the identity service, or a personal access token (pat_…).",
        };
        return Task.CompletedTask;
    }
}
