namespace Platform.AppHost.Infrastructure;

/// <summary>
/// Postgres and Redis for the graph, from containers or from this machine's own binaries
/// (see <see cref="InfrastructureMode"/>). Either way a service gets the same connection strings.
/// </summary>
public sealed class PlatformInfrastructure
{
    private readonly IResourceBuilder<PostgresServerResource>? _containerPostgres;
    private readonly IResourceBuilder<LocalPostgresServerResource>? _localPostgres;

    private PlatformInfrastructure(
        InfrastructureMode mode,
        IResourceBuilder<IResourceWithConnectionString> cache,
        IResourceBuilder<PostgresServerResource>? containerPostgres,
        IResourceBuilder<LocalPostgresServerResource>? localPostgres)
    {
        Mode = mode;
        Cache = cache;
        _containerPostgres = containerPostgres;
        _localPostgres = localPostgres;
    }

    public InfrastructureMode Mode { get; }

    /// <summary>Redis: cache, SignalR backplane, presence, rate limits and the default event transport.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Cache { get; }

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
            return new PlatformInfrastructure(mode, redis, postgres, localPostgres: null);
        }

        var dataRoot = LocalDataFolder.Resolve(builder);
        var localPostgres = builder.AddLocalPostgres(postgresName, dataRoot);
        var localRedis = builder.AddLocalRedis(redisName, dataRoot);
        return new PlatformInfrastructure(mode, localRedis, containerPostgres: null, localPostgres);
    }
}
