namespace Platform.Deploy.Crds;

// Dapr's components, configuration and resiliency (dapr.io/v1alpha1): the fields the manifests use.
#pragma warning disable CA2227 // Settable collections: the YAML reader fills them.

public sealed class DaprComponent() : CustomResource<DaprComponentSpec>("dapr.io/v1alpha1", "Component")
{
    public DaprAuth? Auth { get; set; }
}

public sealed class DaprComponentSpec
{
    public string Type { get; set; } = "";

    public string Version { get; set; } = "v1";

    public List<DaprMetadata> Metadata { get; set; } = [];
}

public sealed class DaprMetadata
{
    public string Name { get; set; } = "";

    public string? Value { get; set; }

    public DaprSecretKeyRef? SecretKeyRef { get; set; }
}

public sealed class DaprSecretKeyRef
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";
}

public sealed class DaprAuth
{
    public string SecretStore { get; set; } = "";
}

public sealed class DaprConfiguration() : CustomResource<DaprConfigurationSpec>("dapr.io/v1alpha1", "Configuration");

public sealed class DaprConfigurationSpec
{
    public DaprTracing? Tracing { get; set; }

    public DaprEnabled? Mtls { get; set; }

    public DaprEnabled? Metric { get; set; }
}

public sealed class DaprTracing
{
    public string SamplingRate { get; set; } = "1";

    public DaprOtel? Otel { get; set; }
}

public sealed class DaprOtel
{
    public string EndpointAddress { get; set; } = "";

    public bool IsSecure { get; set; }

    public string Protocol { get; set; } = "grpc";
}

public sealed class DaprEnabled
{
    public bool Enabled { get; set; }
}

public sealed class DaprResiliency() : CustomResource<DaprResiliencySpec>("dapr.io/v1alpha1", "Resiliency");

public sealed class DaprResiliencySpec
{
    public DaprPolicies Policies { get; set; } = new();

    public DaprTargets Targets { get; set; } = new();
}

public sealed class DaprPolicies
{
    public Dictionary<string, DaprRetry> Retries { get; set; } = [];
}

public sealed class DaprRetry
{
    public string Policy { get; set; } = "";

    public string Duration { get; set; } = "";

    public string MaxInterval { get; set; } = "";

    public int MaxRetries { get; set; }
}

public sealed class DaprTargets
{
    public Dictionary<string, DaprComponentTarget> Components { get; set; } = [];
}

public sealed class DaprComponentTarget
{
    public DaprInbound Inbound { get; set; } = new();
}

public sealed class DaprInbound
{
    public string Retry { get; set; } = "";
}
