using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Http;

/// <summary>
/// A hub connection's request (a WebSocket's upgrade request) stays in memory as long as the connection: once
/// authentication has read its access token (a header, or <c>access_token</c> in the query string for browsers),
/// the request keeps no copy of it (about 2.3 KB per connection).
/// </summary>
public static class LongRequestCredentials
{
    /// <summary>After <c>UseAuthentication</c>.</summary>
    public static IApplicationBuilder ForgetHubCredentials(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(DocumentHubContract.Path))
        {
            request.Headers.Authorization = StringValues.Empty;
            if (request.Query.ContainsKey("access_token"))
            {
                request.QueryString = QueryString.Create(request.Query.Where(pair => pair.Key != "access_token"));
                context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget = request.PathBase + request.Path + request.QueryString;
            }
        }
        return next(context);
    });
}
