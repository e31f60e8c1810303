namespace Platform.AppHost.Infrastructure;

/// <summary>
/// The OS-installed Redis server run as an executable resource, with the connection string shape of
/// Aspire's Redis container integration (<c>host:port,password=...</c>).
/// </summary>
public sealed class LocalRedisResource(string name, string command, string folder, ParameterResource password)
    : ExecutableResource(name, command, folder), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public string Folder { get; } = folder;

    public ParameterResource Password { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Host}:{Port},password={Password}");

    private EndpointReferenceExpression Host => PrimaryEndpoint.Property(EndpointProperty.Host);

    private EndpointReferenceExpression Port => PrimaryEndpoint.Property(EndpointProperty.Port);

    /// <summary>The same HOST/PORT/PASSWORD/URI variables the container integration gives a referencing service.</summary>
    public IEnumerable<KeyValuePair<string, ReferenceExpression>> GetConnectionProperties() =>
    [
        new("Host", ReferenceExpression.Create($"{Host}")),
        new("Port", ReferenceExpression.Create($"{Port}")),
        new("Password", ReferenceExpression.Create($"{Password}")),
        new("Uri", ReferenceExpression.Create($"redis://:{Password}@{Host}:{Port}")),
    ];
}
