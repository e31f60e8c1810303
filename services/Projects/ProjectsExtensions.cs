using Platform.Data;
using Platform.Projects.Data;
using Platform.Projects.Dependencies;
using Platform.Projects.Portfolio;
using Platform.Projects.Scheduling;
using Platform.Projects.Tasks;
using Platform.Projects.Comments;
using Platform.Projects.Workflows;
using Platform.Projects.Automation;
using Platform.Projects.Code;
using Platform.Contracts;
using Platform.Contracts.Tasks;

namespace Platform.Projects;

internal static class ProjectsExtensions
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static IHostApplicationBuilder AddProjectsServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ProjectsPolicies.Read, policy => policy.RequireClaim(PlatformClaimTypes.Organization).RequireScope(ProjectsPolicies.Read))
            .AddPolicy(ProjectsPolicies.Write, policy => policy.RequireClaim(PlatformClaimTypes.Organization).RequireScope(ProjectsPolicies.Write));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPlatformOpenApi();
        // Descriptions are the largest fields (100 000 characters); a bulk update names at most 200 tasks.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.AddProjectsData();
        builder.Services.AddScoped<ProjectCatalog>();
        builder.Services.AddScoped<ProjectWorkflows>();
        builder.Services.AddScoped<ProjectTasks>();
        builder.Services.AddScoped<TaskListing>();
        builder.Services.AddScoped<TaskBulkUpdates>();
        builder.Services.AddScoped<TaskDependencies>();
        builder.Services.AddScoped<ProjectRules>();
        builder.Services.AddScoped<ProjectSchedules>();
        builder.Services.AddScoped<RuleEngine>();
        builder.Services.AddHostedService<DueDateScan>();
        builder.AddPlatformHybridCache("projects:");
        builder.AddEventBus<ProjectsDbContext>("projects")
            .Subscribe<ProjectChanged, ProjectCache>()
            .Subscribe<TaskCreated, AutomationHandler>()
            .Subscribe<TaskUpdated, AutomationHandler>()
            .Subscribe<TaskStateChanged, AutomationHandler>()
            .Subscribe<CommentAdded, AutomationHandler>()
            .Subscribe<PullRequestChanged, CodeLinks>()
            .Subscribe<CommitsPushed, CodeLinks>()
            .Subscribe<CheckChanged, CodeLinks>();
        return builder;
    }

    public static WebApplication MapProjectsApi(this WebApplication app)
    {
        app.UseTextInputChecks();
        app.UseAuthentication();
        app.UseTenantContext();
        app.UseAuthorization();
        app.MapEventBus();
        app.MapPlatformOpenApi();

        app.MapProjectEndpoints().MapMemberEndpoints().MapWorkflowEndpoints()
            .MapTaskEndpoints().MapTaskListEndpoints().MapBulkUpdateEndpoints().MapTaskHistoryEndpoints().MapTaskWatcherEndpoints()
            .MapCommentEndpoints().MapDependencyEndpoints().MapCriticalPathEndpoints().MapRuleEndpoints().MapCodeLinkEndpoints();
        return app;
    }
}
