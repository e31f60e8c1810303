using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Ai.Data;

namespace Platform.Ai.Models;

/// <summary>
/// The chat clients of organizations' own endpoints, one per organization and settings version (a change of settings
/// makes a new one). Their requests go through one HTTP handler that reaches only public addresses
/// (<see cref="SafeAddresses"/>) and follows no redirects: the endpoint is the customer's choice, not ours.
/// </summary>
public sealed class OwnEndpoints(IOptions<AiOptions> options, SecretBox secrets) : IDisposable
{
    /// <summary>The name answers record for an organization's own endpoint.</summary>
    public const string Name = "organization";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<Guid, (DateTimeOffset Version, ChatTarget Target)> _clients = new();
    private readonly HttpClientPipelineTransport _transport = new(new HttpClient(SafeAddresses.Handler(options.Value.AllowPrivateModelEndpoints)) { Timeout = Timeout });

    public static string KeyContext(Guid organizationId) => $"ai:model_settings:{organizationId}:chat_key";

    public ChatTarget For(ModelSettings settings)
    {
        if (_clients.TryGetValue(settings.OrganizationId, out var known) && known.Version == settings.UpdatedAt)
        {
            return known.Target;
        }
        var key = settings.ChatKey is { } sealedKey ? secrets.Open(sealedKey, KeyContext(settings.OrganizationId)) : "";
        var target = new ChatTarget(Name, settings.ChatModel!, Name, Local: true, null, null,
            ModelRegistry.Client(new Uri(settings.ChatEndpoint!), key, settings.ChatModel!, _transport));
        _clients[settings.OrganizationId] = (settings.UpdatedAt, target);
        return target;
    }

    public void Dispose() => _transport.Dispose();
}
