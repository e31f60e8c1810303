using System.ClientModel;
using System.ClientModel.Primitives;
using System.Data.Common;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Platform.Ai.Models;

/// <summary>A chat model as answers use it: its registry name, model id, whether it runs inside the platform, its prices and its client.</summary>
/// <param name="Local">Served inside the platform's own network: an organization that allows only local models may use it.</param>
/// <param name="InputCostPerMillion">US dollars per million input tokens; null when unknown (no cost is estimated).</param>
public sealed record ChatTarget(string Name, string Model, string Provider, bool Local, decimal? InputCostPerMillion, decimal? OutputCostPerMillion, IChatClient Client)
{
    public decimal? CostOf(long? inputTokens, long? outputTokens) =>
        InputCostPerMillion is null && OutputCostPerMillion is null ? null
        : ((inputTokens ?? 0) * (InputCostPerMillion ?? 0) + (outputTokens ?? 0) * (OutputCostPerMillion ?? 0)) / 1_000_000m;
}

/// <summary>
/// The chat models the platform offers, from configuration, each an OpenAI-compatible endpoint (OpenAI, Azure OpenAI,
/// Ollama, vLLM): the connection string <c>chat</c> (<c>Endpoint=…;Key=…;Model=…</c>, registered as <c>default</c>), and
/// any number under <c>Ai:Models:{name}</c> (<c>Endpoint</c>, <c>Key</c>, <c>Model</c>), each optionally with
/// <c>Local=true</c> (runs inside the platform's network) and <c>InputCostPerMillion</c>/<c>OutputCostPerMillion</c>
/// (US dollars, for cost estimates). <c>Ai:DefaultChatModel</c> names the one answers use (else <c>default</c>, else
/// the only one); the others serve organizations that choose them and experiments' variants.
/// </summary>
public sealed class ModelRegistry
{
    public const string Section = "Ai:Models";
    public const string DefaultName = "default";

    public ModelRegistry(IConfiguration configuration)
    {
        var models = new Dictionary<string, ChatTarget>(StringComparer.OrdinalIgnoreCase);
        if (configuration.GetConnectionString(AiModels.ChatConnectionName) is { Length: > 0 } connectionString)
        {
            var settings = new DbConnectionStringBuilder { ConnectionString = connectionString };
            models[DefaultName] = Target(DefaultName, key => settings.TryGetValue(key, out var value) ? value as string : null, $"ConnectionStrings:{AiModels.ChatConnectionName}");
        }
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            models[entry.Key] = Target(entry.Key, key => entry[key], $"{Section}:{entry.Key}");
        }
        Chat = models;
        var chosen = configuration["Ai:DefaultChatModel"];
        DefaultChat = chosen is { Length: > 0 }
            ? models.GetValueOrDefault(chosen) ?? throw new InvalidOperationException($"Ai:DefaultChatModel names '{chosen}', which {Section} does not configure.")
            : models.GetValueOrDefault(DefaultName) ?? (models.Count == 1 ? models.Values.Single() : null);
    }

    public IReadOnlyDictionary<string, ChatTarget> Chat { get; }

    /// <summary>The model answers use unless an organization or an experiment says otherwise; null when none is configured.</summary>
    public ChatTarget? DefaultChat { get; }

    private static ChatTarget Target(string name, Func<string, string?> setting, string where)
    {
        string Required(string key) => setting(key) is { Length: > 0 } value ? value
            : throw new InvalidOperationException($"{where} needs {key}: Endpoint=https://…/v1, Key=…, Model=….");
        var model = Required("Model");
        var client = Client(new Uri(Required("Endpoint")), setting("Key") ?? "", model, transport: null);
        return new ChatTarget(name, model, "openai", bool.TryParse(setting("Local"), out var local) && local,
            Price(setting("InputCostPerMillion") ?? setting("InputCost")), Price(setting("OutputCostPerMillion") ?? setting("OutputCost")), client);
    }

    /// <summary>An OpenAI-compatible chat client, with a span and metrics per call (gen_ai.*) and one retry.</summary>
    public static IChatClient Client(Uri endpoint, string key, string model, PipelineTransport? transport) =>
        OpenAi(endpoint, key, transport).GetChatClient(model).AsIChatClient().AsBuilder().UseOpenTelemetry().Build();

    /// <summary>A client of an OpenAI-compatible API (chat or embeddings), with one retry, through <paramref name="transport"/> when given.</summary>
    public static OpenAIClient OpenAi(Uri endpoint, string key, PipelineTransport? transport)
    {
        var options = new OpenAIClientOptions { Endpoint = endpoint, RetryPolicy = new ClientRetryPolicy(maxRetries: 1) };
        if (transport is not null)
        {
            options.Transport = transport;
        }
        // Servers without keys (Ollama, vLLM) still get a bearer: the client requires one.
        return new OpenAIClient(new ApiKeyCredential(key.Length > 0 ? key : "none"), options);
    }

    private static decimal? Price(string? text) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var price) ? price : null;
}
