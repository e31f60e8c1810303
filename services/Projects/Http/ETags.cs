using Microsoft.Net.Http.Headers;

namespace Platform.Projects.Http;

/// <summary>Entity tags from Postgres row versions (xmin), for <c>If-Match</c> and <c>If-None-Match</c>.</summary>
public static class ETags
{
    public static string Of(uint version) => $"\"{version}\"";

    public static void Write(HttpContext http, uint version) => http.Response.Headers.ETag = Of(version);

    /// <summary>False when the request names versions with <c>If-Match</c> and the current one is not among them.</summary>
    public static bool IfMatchHolds(HttpRequest request, uint version)
    {
        var ifMatch = request.GetTypedHeaders().IfMatch;
        return ifMatch.Count == 0 || ifMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || (!tag.IsWeak && tag.Tag == Of(version)));
    }

    public static bool IfNoneMatchHits(HttpRequest request, uint version) =>
        request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag == Of(version));

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult PreconditionFailed(string what) => TypedResults.Problem(
        title: "Changed since you read it",
        detail: $"The {what} changed after the version named in If-Match; read it again and reapply your change.",
        statusCode: StatusCodes.Status412PreconditionFailed);
}
