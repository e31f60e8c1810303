namespace Platform.Deploy.Crds;

// External Secrets Operator (external-secrets.io/v1): Secrets filled from Google Secret Manager.
#pragma warning disable CA2227 // Settable collections: the YAML reader fills them.

public sealed class SecretStore() : CustomResource<SecretStoreSpec>("external-secrets.io/v1", "SecretStore");

public sealed class SecretStoreSpec
{
    public SecretStoreProvider Provider { get; set; } = new();
}

public sealed class SecretStoreProvider
{
    public GcpSecretManager Gcpsm { get; set; } = new();
}

public sealed class GcpSecretManager
{
    public string ProjectID { get; set; } = "";
}

public sealed class ExternalSecret() : CustomResource<ExternalSecretSpec>("external-secrets.io/v1", "ExternalSecret");

public sealed class ExternalSecretSpec
{
    public string RefreshInterval { get; set; } = "1h";

    public SecretStoreRef SecretStoreRef { get; set; } = new();

    public ExternalSecretTarget Target { get; set; } = new();

    public List<ExternalSecretDataFrom> DataFrom { get; set; } = [];
}

public sealed class SecretStoreRef
{
    public string Name { get; set; } = "";

    public string Kind { get; set; } = "SecretStore";
}

public sealed class ExternalSecretTarget
{
    public string Name { get; set; } = "";

    public string CreationPolicy { get; set; } = "Owner";
}

public sealed class ExternalSecretDataFrom
{
    public ExternalSecretExtract Extract { get; set; } = new();
}

/// <summary>A Secret Manager secret holding a JSON object: each of its keys becomes a key of the Secret.</summary>
public sealed class ExternalSecretExtract
{
    public string Key { get; set; } = "";
}
