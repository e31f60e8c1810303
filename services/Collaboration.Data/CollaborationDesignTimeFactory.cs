using Platform.Data;

namespace Platform.Collaboration.Data;

internal sealed class CollaborationDesignTimeFactory : DesignTimeFactory<CollaborationDbContext>;
