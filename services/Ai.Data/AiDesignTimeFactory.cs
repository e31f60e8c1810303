using Platform.Data;

namespace Platform.Ai.Data;

internal sealed class AiDesignTimeFactory : DesignTimeFactory<AiDbContext>;
