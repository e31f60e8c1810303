using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Analytics.Http;

public static class AnalyticsProblems
{
    /// <summary>No such project in the caller's organization (one of another organization is not found either).</summary>
    public static ProblemHttpResult ProjectNotFound(string key) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Project not found",
        detail: $"There is no project {key.ToUpperInvariant()} with tasks or changes analytics has heard of.");
}
