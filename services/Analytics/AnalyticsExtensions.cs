using Platform.Analytics.Data;
using Platform.Analytics.Flow;
using Platform.Analytics.Forecasting;
using Platform.Analytics.Risks;
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
        builder.Services.AddScoped<ProjectRisks>();
        builder.Services.AddHostedService<RiskScan>();
        // Each event goes into the journal and the flow records first; then the project's risks are assessed again.
        builder.AddEventBus<AnalyticsDbContext>("analytics")
            .Subscribe<ProjectChanged, FlowJournal>()
            .Subscribe<TaskCreated, FlowJournal>().Subscribe<TaskCreated, RiskWatch>()
            .Subscribe<TaskUpdated, FlowJournal>().Subscribe<TaskUpdated, RiskWatch>()
            .Subscribe<TaskDeleted, FlowJournal>().Subscribe<TaskDeleted, RiskWatch>()
            .Subscribe<DependencyAdded, FlowJournal>().Subscribe<DependencyAdded, RiskWatch>()
            .Subscribe<DependencyRemoved, FlowJournal>().Subscribe<DependencyRemoved, RiskWatch>();
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
        app.MapGroup("").WithTags("Risks").RequireAuthorization(AnalyticsPolicies.Read).MapRiskEndpoints();
        app.MapGroup("").WithTags("Projection").RequireAuthorization(AnalyticsPolicies.Administer).MapRebuildEndpoints();
        return app;
    }
}
