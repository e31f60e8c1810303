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
        // The migration step sets these passwords on every run, so they need not outlive the AppHost's secrets.
        ApplicationPassword = GeneratedPassword(builder, "postgres-app-password");
        RelayPassword = GeneratedPassword(builder, "postgres-relay-password");
    }

    public InfrastructureMode Mode { get; }

    /// <summary>Redis: cache, SignalR backplane, presence, rate limits and the default event transport.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Cache { get; }

    /// <summary>The SMTP server (see <see cref="AddMail"/>); none when published.</summary>
    public IResourceBuilder<IResourceWithEndpoints>? MailServer { get; private set; }

    /// <summary>The connection string <c>mail</c>: where services send mail (see <see cref="AddMail"/>).</summary>
    public IResourceBuilder<IResourceWithConnectionString>? Mail { get; private set; }

    /// <summary>The virus scanner (see <see cref="AddVirusScanner"/>); none when published.</summary>
    public IResourceBuilder<IResourceWithEndpoints>? VirusScanner { get; private set; }

    /// <summary>The connection string <c>clamav</c>: where files are scanned.</summary>
    public IResourceBuilder<IResourceWithConnectionString>? VirusScannerConnection { get; private set; }

    /// <summary>The password of every service's own database login (see <see cref="ApplicationConnection"/>).</summary>
    public IResourceBuilder<ParameterResource> ApplicationPassword { get; }

    /// <summary>The password of each outbox relay's database login (see <see cref="RelayConnection"/>).</summary>
    public IResourceBuilder<ParameterResource> RelayPassword { get; }

    /// <summary>
    /// The connection a service uses: its database, as the login <c>{database}_app</c> that the migration
    /// step creates, which owns no table and so cannot escape row-level security. Only the migration step
    /// connects with the owner's connection (the database resource), so only it knows the owner's password.
    /// </summary>
    public IResourceBuilder<IResourceWithConnectionString> ApplicationConnection(IResourceBuilder<IResourceWithConnectionString> database) =>
        Login(database, "app", ApplicationPassword);

    /// <summary>
    /// The connection of a service's outbox relay: the login <c>{database}_relay</c>, the only one that reads every
    /// organization's unsent events (the outbox is under row-level security for the service's own login).
    /// </summary>
    public IResourceBuilder<IResourceWithConnectionString> RelayConnection(IResourceBuilder<IResourceWithConnectionString> database) =>
        Login(database, "relay", RelayPassword);

    private IResourceBuilder<IResourceWithConnectionString> Login(
        IResourceBuilder<IResourceWithConnectionString> database, string login, IResourceBuilder<ParameterResource> password)
    {
        var name = database.Resource.Name;
        // Built from the server's address, not from the database's connection string, which carries the owner's credentials.
        var address = database.Resource switch
        {
            PostgresDatabaseResource container => ReferenceExpression.Create(
                $"Host={container.Parent.Host};Port={container.Parent.Port};Database={container.DatabaseName}"),
            LocalPostgresDatabaseResource local => ReferenceExpression.Create(
                $"Host={local.Parent.Host};Port={local.Parent.Port};Database={local.DatabaseName}"),
            _ => throw new ArgumentException($"{name} is not a Postgres database of this graph.", nameof(database)),
        };
        return _builder.AddConnectionString($"{name}-{login}", ReferenceExpression.Create(
            $"{address};Username={name}_{login};Password={password.Resource}"));
    }

    private static IResourceBuilder<ParameterResource> GeneratedPassword(IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);

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

    /// <summary>Adds the mail server (see <see cref="LocalMailExtensions"/>): the graph needs one once a service sends mail.</summary>
    public PlatformInfrastructure AddMail()
    {
        (MailServer, Mail) = _builder.AddMail(Mode);
        return this;
    }

    /// <summary>Where <paramref name="service"/> sends mail (the connection string <c>mail</c>), once the local server runs.</summary>
    public IResourceBuilder<ProjectResource> SendsMail(IResourceBuilder<ProjectResource> service)
    {
        service.WithReference(Mail ?? throw new InvalidOperationException("Add the mail server first (AddMail)."));
        return MailServer is null ? service : service.WaitFor(MailServer);
    }

    /// <summary>Adds the virus scanner (see <see cref="LocalVirusScannerExtensions"/>): the graph needs one once a service takes files.</summary>
    public PlatformInfrastructure AddVirusScanner()
    {
        (VirusScanner, VirusScannerConnection) = _builder.AddVirusScanner(Mode);
        return this;
    }

    /// <summary>Where <paramref name="service"/> scans files (the connection string <c>clamav</c>), once the scanner answers.</summary>
    public IResourceBuilder<ProjectResource> ScansFiles(IResourceBuilder<ProjectResource> service)
    {
        service.WithReference(VirusScannerConnection ?? throw new InvalidOperationException("Add the virus scanner first (AddVirusScanner)."),
            LocalVirusScannerExtensions.ConnectionName);
        return VirusScanner is null ? service : service.WaitFor(VirusScanner);
    }
}
