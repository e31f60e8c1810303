namespace Platform.AppHost.Infrastructure;

/// <summary>
/// Postgres and Redis for the graph, from containers or from this machine's own binaries
/// (see <see cref="InfrastructureMode"/>). Either way a service gets the same connection strings.
/// </summary>
public sealed class PlatformInfrastructure
{
    private readonly IDistributedApplicationBuilder _builder;
    private readonly IResourceBuilder<PostgresServerResource>? _containerPostgres;
    private readonly IResourceBuilder<LocalPostgresServerResource>? _localPostgres;

    private PlatformInfrastructure(
        IDistributedApplicationBuilder builder,
        InfrastructureMode mode,
        IResourceBuilder<IResourceWithConnectionString> cache,
        IResourceBuilder<PostgresServerResource>? containerPostgres,
        IResourceBuilder<LocalPostgresServerResource>? localPostgres)
    {
        _builder = builder;
        Mode = mode;
        Cache = cache;
        _containerPostgres = containerPostgres;
        _localPostgres = localPostgres;
        // The migration step sets this password on every run, so it need not outlive the AppHost's secrets.
        ApplicationPassword = builder.AddParameter(
            "postgres-app-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
    }

    public InfrastructureMode Mode { get; }

    /// <summary>Redis: cache, SignalR backplane, presence, rate limits and the default event transport.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Cache { get; }

    /// <summary>The password of every service's own database login (see <see cref="ApplicationConnection"/>).</summary>
    public IResourceBuilder<ParameterResource> ApplicationPassword { get; }

    /// <summary>
    /// The connection a service uses: its database, as the login <c>{database}_app</c> that the migration
    /// step creates, which owns no table and so cannot escape row-level security. The migration step
    /// itself connects with the owner's connection (the database resource).
    /// </summary>
    public IResourceBuilder<IResourceWithConnectionString> ApplicationConnection(IResourceBuilder<IResourceWithConnectionString> database) =>
        _builder.AddConnectionString($"{database.Resource.Name}-app", ReferenceExpression.Create(
            $"{database.Resource};Username={database.Resource.Name}_app;Password={ApplicationPassword.Resource}"));

    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name) =>
        _containerPostgres is not null
            ? _containerPostgres.AddDatabase(name)
            : _localPostgres!.AddDatabase(name);

    public static PlatformInfrastructure Add(IDistributedApplicationBuilder builder, string postgresName, string redisName)
    {
        var mode = InfrastructureModeSelector.Resolve(builder);
        if (mode == InfrastructureMode.Containers)
        {
            var postgres = builder.AddPostgres(postgresName).WithDataVolume($"platform-{postgresName}-data");
            var redis = builder.AddRedis(redisName).WithDataVolume($"platform-{redisName}-data");
            return new PlatformInfrastructure(builder, mode, redis, postgres, localPostgres: null);
        }

        var dataRoot = LocalDataFolder.Resolve(builder);
        var localPostgres = builder.AddLocalPostgres(postgresName, dataRoot);
        var localRedis = builder.AddLocalRedis(redisName, dataRoot);
        return new PlatformInfrastructure(builder, mode, localRedis, containerPostgres: null, localPostgres);
    }
}
