using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Platform.Ai.Data;

namespace Platform.Ai.Models;

/// <summary>
/// The chat and embedding clients of organizations' own endpoints, one of each per organization and settings version
/// (a change of settings makes new ones). Their requests go through one HTTP handler that reaches only public
/// addresses (<see cref="SafeAddresses"/>) and follows no redirects: the endpoint is the customer's choice, not ours.
/// </summary>
public sealed class OwnEndpoints(IOptions<AiOptions> options, SecretBox secrets) : IDisposable
{
    /// <summary>The name answers and passages record for an organization's own endpoint.</summary>
    public const string Name = "organization";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<Guid, (DateTimeOffset Version, ChatTarget Target)> _chat = new();
    private readonly ConcurrentDictionary<Guid, (DateTimeOffset Version, EmbeddingTarget Target)> _embeddings = new();
    private readonly HttpClientPipelineTransport _transport = new(new HttpClient(SafeAddresses.Handler(options.Value.AllowPrivateModelEndpoints)) { Timeout = Timeout });

    /// <summary>What an own endpoint serves; also the name of its fields in the settings.</summary>
    public const string Chat = "chat";
    public const string Embedding = "embeddings";

    /// <summary>What a sealed key is bound to: the organization and the endpoint's purpose.</summary>
    public static string KeyContext(Guid organizationId, string purpose) => $"ai:model_settings:{organizationId}:{purpose}_key";

    /// <summary>
    /// The id the organization's passages are embedded under: the model at that host, so a move to another server
    /// embeds them again (its vectors may differ), and a new key does not.
    /// </summary>
    public static string EmbeddingModelId(string endpoint, string model) => $"{model}@{new Uri(endpoint).Authority}";

    public ChatTarget For(ModelSettings settings) => Cached(_chat, settings, () =>
    {
        var key = Key(settings.ChatKey, settings.OrganizationId, Chat);
        return new ChatTarget(Name, settings.ChatModel!, Name, Local: true, null, null,
            ModelRegistry.Client(new Uri(settings.ChatEndpoint!), key, settings.ChatModel!, _transport));
    });

    public EmbeddingTarget Embeddings(ModelSettings settings) => Cached(_embeddings, settings, () =>
    {
        var key = Key(settings.EmbeddingsKey, settings.OrganizationId, Embedding);
        var generator = ModelRegistry.OpenAi(new Uri(settings.EmbeddingsEndpoint!), key, _transport)
            .GetEmbeddingClient(settings.EmbeddingsModel!).AsIEmbeddingGenerator()
            .AsBuilder().UseOpenTelemetry().Build();
        return new EmbeddingTarget(EmbeddingModelId(settings.EmbeddingsEndpoint!, settings.EmbeddingsModel!), Name, Local: true, generator);
    });

    private static T Cached<T>(ConcurrentDictionary<Guid, (DateTimeOffset Version, T Target)> clients, ModelSettings settings, Func<T> create)
    {
        if (clients.TryGetValue(settings.OrganizationId, out var known) && known.Version == settings.UpdatedAt)
        {
            return known.Target;
        }
        var target = create();
        clients[settings.OrganizationId] = (settings.UpdatedAt, target);
        return target;
    }

    private string Key(byte[]? sealedKey, Guid organizationId, string purpose) =>
        sealedKey is null ? "" : secrets.Open(sealedKey, KeyContext(organizationId, purpose));

    public void Dispose() => _transport.Dispose();
}
