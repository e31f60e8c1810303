using Microsoft.Net.Http.Headers;

namespace Platform.Projects.Http;

/// <summary>Entity tags from Postgres row versions (xmin), for <c>If-Match</c> and <c>If-None-Match</c>.</summary>
public static class ETags
{
    public static string Of(uint version) => $"\"{version}\"";

    public static void Write(HttpContext http, uint version) => http.Response.Headers.ETag = Of(version);

    /// <summary>
    /// False when the request names versions with <c>If-Match</c> and the current one is not among them. A header that
    /// is not a list of entity tags is the client's mistake (400), never read as no condition at all.
    /// </summary>
    public static bool IfMatchHolds(HttpRequest request, uint version)
    {
        if (request.Headers.IfMatch.Count == 0)
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(request.Headers.IfMatch, out var ifMatch) || ifMatch.Count == 0)
        {
            throw new BadHttpRequestException("If-Match must be * or entity tags as this API sends them in ETag, such as \"123\".", StatusCodes.Status400BadRequest);
        }

        return ifMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || (!tag.IsWeak && tag.Tag == Of(version)));
    }

    public static bool IfNoneMatchHits(HttpRequest request, uint version) =>
        request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag == Of(version));

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult PreconditionFailed(string what) => TypedResults.Problem(
        title: "Changed since you read it",
        detail: $"The {what} changed after the version named in If-Match; read it again and reapply your change.",
        statusCode: StatusCodes.Status412PreconditionFailed);
}
