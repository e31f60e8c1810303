using Microsoft.AspNetCore.Authentication;
using ModelContextProtocol.AspNetCore.Authentication;
using Platform.Ai.Api;
using Platform.Ai.Prompts;
using Platform.Ai.Resources;
using Platform.Ai.Search;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.Ai.Data;
using Platform.Ai.Activity;
using Platform.Ai.Tools;
using Platform.Ai.Answers;
using Platform.Ai.Http;
using Platform.Ai.Models;
using Platform.Ai.Requests;
using Platform.Ai.Experiments;

namespace Platform.Ai;

internal static class AiExtensions
{
    /// <summary>Where MCP clients connect (through the gateway: <c>/api/ai/mcp</c>).</summary>
    public const string McpPath = "/mcp";

    /// <summary>The scopes a client may ask the identity service for, as the protected resource metadata lists them.</summary>
    private static readonly string[] Scopes = ["openid", .. PlatformScopes.Api];

    /// <summary>
    /// Structured results write their null fields: the output schemas list every field as required (nullable ones as
    /// "type or null"), and strict clients (the MCP Inspector among them) validate results against them.
    /// </summary>
    private static readonly System.Text.Json.JsonSerializerOptions ToolJson = new(ModelContextProtocol.McpJsonUtilities.DefaultOptions)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    public static IHostApplicationBuilder AddAiServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        // MCP clients learn where to sign in from the 401: WWW-Authenticate points at the protected resource metadata
        // (RFC 9728), which names the identity service as the authorization server.
        builder.Services.AddAuthentication().AddMcp(options => options.ResourceMetadata = new()
        {
            AuthorizationServers = { builder.Configuration[Extensions.AuthorityConfigurationKey]! },
            ScopesSupported = [.. Scopes],
            ResourceName = "Platform",
        });
        builder.Services.Configure<AuthenticationOptions>(options => options.DefaultChallengeScheme = McpAuthenticationDefaults.AuthenticationScheme);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AiPolicies.Mcp, policy => policy.RequireAuthenticatedUser().RequireClaim(PlatformClaimTypes.Organization))
            .AddPolicy(AiPolicies.Read, policy => policy.RequireClaim(PlatformClaimTypes.Organization).RequireAnyScope(AiPolicies.ReadScopes));
        builder.AddPlatformOpenApi();

        builder.AddAiData();
        builder.AddAiModels();
        builder.Services.AddSingleton<VectorIndex>();
        builder.Services.AddSingleton<PassageEmbedding>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PassageEmbedding>());
        builder.Services.AddSingleton<ResourceChanges>();
        builder.Services.AddScoped<HybridSearch>();
        builder.Services.AddScoped<SearchWeights>();
        // What the MCP tools and the REST routes both do, in terms of neither MCP nor HTTP.
        builder.Services.AddScoped<ProjectLookup>();
        builder.Services.AddScoped<SearchOperation>();
        builder.Services.AddScoped<IndexProgress>();
        builder.Services.AddScoped<AnswerOperation>();
        builder.Services.AddScoped<AnswerRatings>();
        builder.Services.AddScoped<ExperimentOperation>();
        builder.Services.AddScoped<ActivityFeed>();
        builder.Services.AddScoped<ModelCatalog>();
        // Each event feeds the search index, then the activity feed (which reads the task's title from the index; a
        // deletion is recorded before the index forgets it), then tells listening MCP clients once committed.
        builder.AddEventBus<AiDbContext>("ai")
            .Subscribe<TaskCreated, SearchIndexer>().Subscribe<TaskCreated, ActivityLog>().Subscribe<TaskCreated, ChangeNotices>()
            .Subscribe<TaskUpdated, SearchIndexer>().Subscribe<TaskUpdated, ActivityLog>().Subscribe<TaskUpdated, ChangeNotices>()
            .Subscribe<TaskStateChanged, ActivityLog>().Subscribe<TaskStateChanged, ChangeNotices>()
            .Subscribe<CommentAdded, SearchIndexer>().Subscribe<CommentAdded, ActivityLog>().Subscribe<CommentAdded, ChangeNotices>()
            .Subscribe<TaskDeleted, ActivityLog>().Subscribe<TaskDeleted, SearchIndexer>().Subscribe<TaskDeleted, ChangeNotices>()
            .Subscribe<TaskCodeChanged, ActivityLog>()
            .Subscribe<DocumentChanged, SearchIndexer>().Subscribe<DocumentChanged, ActivityLog>().Subscribe<DocumentChanged, ChangeNotices>()
            .Subscribe<FileTextExtracted, SearchIndexer>().Subscribe<FileDeleted, SearchIndexer>();

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHttpClient<PlatformApi>();
        builder.Services.AddHttpClient<ToolTokens>(http => http.BaseAddress = new Uri(builder.Configuration[Extensions.AuthorityConfigurationKey]!));
        builder.Services.AddScoped<DocumentEditing>();
        builder.Services.AddOptions<AiOptions>().BindConfiguration(AiOptions.Section);
        builder.Services.AddSingleton<AiMetrics>();
        builder.AddRedisRateCounter();
        // The MCP SDK's own spans and meters (one span per JSON-RPC request) join the service's.
        // So do Microsoft.Extensions.AI's, one span per model call with its duration and tokens (gen_ai.client.*).
        const string McpTelemetry = "Experimental.ModelContextProtocol";
        const string ModelTelemetry = "Experimental.Microsoft.Extensions.AI";
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(AiMetrics.MeterName, McpTelemetry, ModelTelemetry))
            .WithTracing(tracing => tracing.AddSource(McpTelemetry, ModelTelemetry));

        builder.Logging.AddFilter(McpFailureLog.SdkCategory, LogLevel.None);

        // Stateless Streamable HTTP: any replica answers any request, so both replicas behind the gateway serve one client.
        // What goes from server to client unasked uses the stateless means of revision 2026-07-28: subscriptions/listen
        // streams (ResourceSubscriptions) and multi round-trip requests (Confirmation).
        builder.Services.AddMcpServer(options =>
            {
                options.ServerInfo = new() { Name = "platform", Title = "Platform", Version = "1.0.0" };
                options.ServerInstructions = "Projects, tasks and design documents of the signed-in user's organization. " +
                    "Task keys look like PLAT-12 (project key, dash, number). Lists are paged: pass nextCursor back as cursor.";
            })
            .WithHttpTransport(transport =>
            {
                transport.Stateless = true;
                transport.ConfigureSessionOptions = (context, options, cancellationToken) =>
                {
                    ResourceSubscriptions.Advertise(context.Request, options);
                    return ToolSelection.ApplyAsync(context, options, cancellationToken);
                };
            })
            .WithMessageFilters(filters => filters.AddIncomingFilter(McpFailureLog.Filter))
            .WithRequestFilters(filters => filters.AddCallToolFilter(ToolAudit.Filter).AddCallToolFilter(ToolSandbox.Filter))
            .WithTools<ProjectTools>(ToolJson)
            .WithTools<TaskTools>(ToolJson)
            .WithTools<DocumentTools>(ToolJson)
            .WithTools<AttachmentTools>(ToolJson)
            .WithTools<SearchTools>(ToolJson)
            .WithTools<AnswerTools>(ToolJson)
            .WithTools<ActivityTools>(ToolJson)
            .WithTools<ForecastTools>(ToolJson)
            .WithTools<InboxTools>(ToolJson)
            .WithResources<PlatformResources>()
            .WithSubscriptionsListenHandler(ResourceSubscriptions.ListenAsync)
            .WithSubscribeToResourcesHandler(ResourceSubscriptions.RefuseSessionSubscription)
            .WithUnsubscribeFromResourcesHandler(ResourceSubscriptions.RefuseSessionSubscription)
            .WithPrompts<PlatformPrompts>()
            .WithCompleteHandler(Completions.CompleteAsync);
        return builder;
    }

    public static WebApplication MapAiApi(this WebApplication app)
    {
        app.UseTextInputChecks();
        app.UseAuthentication();
        app.UseTenantContext();
        app.UseAuthorization();
        app.UseMiddleware<McpRequestCheck>();
        app.UseMiddleware<McpRateLimit>();
        app.MapEventBus();
        app.MapPlatformOpenApi();

        // REST for clients that are not assistants (the web client): what the tools search, answer_question and
        // get_recent_activity do. The MCP rate limit and checks stay on /mcp; these have the gateway's limits, and
        // questions their own (QuestionRateLimit).
        app.MapGroup("").RequireAuthorization(AiPolicies.Read).AddEndpointFilter(ApiAudit.Filter)
            .MapSearchEndpoints().MapAskEndpoints().MapActivityEndpoints().MapModelEndpoints().MapExperimentEndpoints().MapToolCallEndpoints();
        // JSON-RPC over one path is no REST route: the API description (and the route probe reading it) leaves it out.
        app.MapMcp(McpPath).RequireAuthorization(AiPolicies.Mcp).ExcludeFromDescription();
        return app;
    }
}
