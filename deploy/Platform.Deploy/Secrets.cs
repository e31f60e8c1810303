using Platform.Deploy.Crds;

namespace Platform.Deploy;

/// <summary>
/// Every Secret the services read is made by the External Secrets Operator from Google Secret Manager, never written
/// here: one Secret Manager secret per service (<c>platform-{service}</c>, a JSON object whose keys are the environment
/// variables the manifest gives the service), and one for Dapr's pub/sub.
/// </summary>
public static class Secrets
{
    public const string Store = "gcp-secret-manager";

    public static SecretStore SecretStore() => new()
    {
        Metadata = Labels.Shared(Store),
        // The operator reaches Secret Manager as its own Workload Identity; the overlay's project holds the secrets.
        Spec = new SecretStoreSpec { Provider = new SecretStoreProvider { Gcpsm = new GcpSecretManager { ProjectID = "PROJECT_ID" } } },
    };

    /// <summary>The Secret <paramref name="secret"/>, filled from the Secret Manager secret <c>platform-{secret without -secrets}</c>.</summary>
    public static ExternalSecret For(string secret, string secretManagerKey) => new()
    {
        Metadata = Labels.Shared(secret),
        Spec = new ExternalSecretSpec
        {
            RefreshInterval = "1h",
            SecretStoreRef = new SecretStoreRef { Name = Store, Kind = "SecretStore" },
            Target = new ExternalSecretTarget { Name = secret, CreationPolicy = "Owner" },
            DataFrom = [new ExternalSecretDataFrom { Extract = new ExternalSecretExtract { Key = secretManagerKey } }],
        },
    };

    public static ExternalSecret ForService(string service) => For(EnvironmentMapping.SecretOf(service), $"platform-{service}");
}
