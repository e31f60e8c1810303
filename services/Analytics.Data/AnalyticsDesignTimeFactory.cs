using Platform.Data;

namespace Platform.Analytics.Data;

internal sealed class AnalyticsDesignTimeFactory : DesignTimeFactory<AnalyticsDbContext>;
