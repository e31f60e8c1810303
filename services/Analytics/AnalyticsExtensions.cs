using Platform.Analytics.Data;
using Platform.Analytics.Flow;
using Platform.Analytics.Forecasting;
using Platform.Contracts;
using Platform.Contracts.Tasks;

namespace Platform.Analytics;

internal static class AnalyticsExtensions
{
    public static IHostApplicationBuilder AddAnalyticsServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AnalyticsPolicies.Read, policy => policy.RequireClaim(PlatformClaimTypes.Organization).RequireScope(AnalyticsPolicies.Read))
            .AddPolicy(AnalyticsPolicies.Administer, policy => policy.RequireClaim(PlatformClaimTypes.Organization).RequireScope(AnalyticsPolicies.Administer));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPlatformOpenApi();
        builder.AddAnalyticsData();
        builder.Services.AddScoped<ProjectFlows>();
        builder.Services.AddScoped<ForecastOperation>();
        builder.Services.AddScoped<ForecastCalibration>();
        builder.Services.AddScoped<FlowRebuild>();
        builder.AddEventBus<AnalyticsDbContext>("analytics")
            .Subscribe<ProjectChanged, FlowJournal>()
            .Subscribe<TaskCreated, FlowJournal>()
            .Subscribe<TaskUpdated, FlowJournal>()
            .Subscribe<TaskDeleted, FlowJournal>()
            .Subscribe<DependencyAdded, FlowJournal>()
            .Subscribe<DependencyRemoved, FlowJournal>();
        return builder;
    }

    public static WebApplication MapAnalyticsApi(this WebApplication app)
    {
        app.UseTextInputChecks();
        app.UseAuthentication();
        app.UseTenantContext();
        app.UseAuthorization();
        app.MapEventBus();
        app.MapPlatformOpenApi();

        app.MapGroup("").WithTags("Flow").RequireAuthorization(AnalyticsPolicies.Read).MapFlowEndpoints();
        app.MapGroup("").WithTags("Forecasts").RequireAuthorization(AnalyticsPolicies.Read).MapForecastEndpoints();
        app.MapGroup("").WithTags("Projection").RequireAuthorization(AnalyticsPolicies.Administer).MapRebuildEndpoints();
        return app;
    }
}
