namespace Platform.Projects.Http;

/// <summary>The routes of one part of the API under its OpenAPI tag: those that read and those that change.</summary>
public sealed record RouteGroups(RouteGroupBuilder Read, RouteGroupBuilder Write);

public static class ProjectsRoutes
{
    /// <summary>Groups carrying the tag and the scope policy (projects:read, projects:write) once, for every route mapped on them.</summary>
    public static RouteGroups Tagged(this IEndpointRouteBuilder api, string tag)
    {
        var tagged = api.MapGroup("").WithTags(tag);
        return new(tagged.MapGroup("").RequireAuthorization(ProjectsPolicies.Read), tagged.MapGroup("").RequireAuthorization(ProjectsPolicies.Write));
    }
}
