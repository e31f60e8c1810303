namespace Platform.AppHost.Infrastructure;

/// <summary>
/// The OS-installed PostgreSQL server run as an executable resource. Its connection string has the
/// shape of Aspire's container integration, so services cannot tell the two apart.
/// </summary>
public sealed class LocalPostgresServerResource(string name, string command, string folder, ParameterResource password)
    : ExecutableResource(name, command, folder), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string UserName = "postgres";

    /// <summary>Holds the cluster folder; owned by the postgres user when the AppHost runs as root.</summary>
    public string Folder { get; } = folder;

    public string ClusterFolder => Path.Combine(Folder, "data");

    public ParameterResource Password { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    /// <summary>The databases created on this server once it answers.</summary>
    public List<LocalPostgresDatabaseResource> Databases { get; } = [];

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Host};Port={Port};Username={UserName};Password={Password}");

    internal EndpointReferenceExpression Host => PrimaryEndpoint.Property(EndpointProperty.Host);

    internal EndpointReferenceExpression Port => PrimaryEndpoint.Property(EndpointProperty.Port);

    /// <summary>The same HOST/PORT/USERNAME/... variables the container integration gives a referencing service.</summary>
    public IEnumerable<KeyValuePair<string, ReferenceExpression>> GetConnectionProperties() =>
    [
        new("Host", ReferenceExpression.Create($"{Host}")),
        new("Port", ReferenceExpression.Create($"{Port}")),
        new("Username", ReferenceExpression.Create($"{UserName}")),
        new("Password", ReferenceExpression.Create($"{Password}")),
        new("Uri", ReferenceExpression.Create($"postgresql://{UserName}:{Password}@{Host}:{Port}")),
        new("JdbcConnectionString", ReferenceExpression.Create($"jdbc:postgresql://{Host}:{Port}")),
    ];
}

/// <summary>A database on the local server; created when the server is ready.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public LocalPostgresServerResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");

    public IEnumerable<KeyValuePair<string, ReferenceExpression>> GetConnectionProperties() =>
    [
        new("Host", ReferenceExpression.Create($"{Parent.Host}")),
        new("Port", ReferenceExpression.Create($"{Parent.Port}")),
        new("Username", ReferenceExpression.Create($"{LocalPostgresServerResource.UserName}")),
        new("Password", ReferenceExpression.Create($"{Parent.Password}")),
        new("Uri", ReferenceExpression.Create($"postgresql://{LocalPostgresServerResource.UserName}:{Parent.Password}@{Parent.Host}:{Parent.Port}/{DatabaseName}")),
        new("JdbcConnectionString", ReferenceExpression.Create($"jdbc:postgresql://{Parent.Host}:{Parent.Port}/{DatabaseName}")),
        new("DatabaseName", ReferenceExpression.Create($"{DatabaseName}")),
    ];
}
