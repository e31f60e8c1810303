namespace Platform.Contracts;

/// <summary>
/// Names an integration event on the wire: the topic (stream) it travels on, its CloudEvents type and
/// the version of its data schema. A change that breaks consumers gets a new version.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IntegrationEventAttribute(string topic, string type, int version) : Attribute
{
    public string Topic { get; } = topic;

    public string Type { get; } = type;

    public int Version { get; } = version;
}
