using Platform.Data;

namespace Platform.Projects.Data;

internal sealed class ProjectsDesignTimeFactory : DesignTimeFactory<ProjectsDbContext>;
