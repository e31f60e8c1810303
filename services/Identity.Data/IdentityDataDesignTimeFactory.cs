using Platform.Data;

namespace Platform.Identity.Data;

internal sealed class IdentityDataDesignTimeFactory : DesignTimeFactory<IdentityDataContext>;
