using Platform.Ai.Api;

namespace Platform.Ai.Requests;

/// <summary>
/// A project key as the caller sees it: asked of the projects service with the caller's own token, so another
/// organization's project is not found, exactly like one that does not exist.
/// </summary>
public sealed class ProjectLookup(PlatformApi api)
{
    /// <summary>The project's id, or null when no project was named (<paramref name="key"/> is null).</summary>
    public async Task<Guid?> FindAsync(string? key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return null;
        }
        var normalized = ProjectKeys.Normalize(key) ?? throw new InvalidArgumentException("project", ProjectKeys.Problem(key));
        try
        {
            return await api.ProjectIdAsync(normalized, cancellationToken);
        }
        catch (PlatformNotFoundException)
        {
            throw new NotFoundException($"Not found: there is no project {normalized}.");
        }
        catch (PlatformForbiddenException e)
        {
            // A token with docs:read alone may search documents, but the projects service will not name it a project.
            throw new ScopeMissingException(e.Message);
        }
    }
}
