using System.Data.Common;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenAI;
using Platform.Ai.Search;

namespace Platform.Ai.Models;

/// <summary>
/// The models the AI service uses, each named by a connection string for any OpenAI-compatible endpoint (OpenAI, Azure
/// OpenAI, Ollama, vLLM): <c>Endpoint=https://…/v1;Key=…;Model=…</c>.
/// </summary>
public static class AiModels
{
    /// <summary>The embedding model; without it, the local one (<see cref="LocalEmbeddings"/>).</summary>
    public const string EmbeddingsConnectionName = "embeddings";

    /// <summary>The chat model; without it, what needs one says so (<see cref="ChatModel"/>).</summary>
    public const string ChatConnectionName = "chat";

    /// <summary>
    /// Registers the embedding generator (passages remember the model that embedded them; when it changes, they are
    /// embedded again in the background, see <see cref="PassageEmbedding"/>), the chat models (<see cref="ModelRegistry"/>,
    /// organizations' own endpoints, <see cref="ChatModels"/>), and the cache of chat answers.
    /// </summary>
    public static IHostApplicationBuilder AddAiModels(this IHostApplicationBuilder builder)
    {
        if (Connect(builder, EmbeddingsConnectionName) is var (embeddingClient, embeddingModel))
        {
            builder.Services.AddEmbeddingGenerator(embeddingClient.GetEmbeddingClient(embeddingModel).AsIEmbeddingGenerator()).UseOpenTelemetry();
        }
        else
        {
            builder.Services.AddEmbeddingGenerator(services => services.GetRequiredService<LocalEmbeddings>().Generator).UseOpenTelemetry();
        }
        builder.Services.AddEmbeddingModels();
        builder.Services.AddHealthChecks().AddCheck<EmbeddingsHealthCheck>("embeddings");

        builder.Services.AddSingleton<ModelRegistry>();
        builder.Services.AddScoped<ChatModels>();
        builder.Services.AddScoped<ModelSettingsOperation>();
        builder.AddPlatformHybridCache("ai:");
        builder.Services.AddScoped<ChatModel>();
        return builder;
    }

    /// <summary>
    /// What chooses each organization's embedding model (<see cref="EmbeddingModels"/>) beside the platform's generator:
    /// the local model (also for organizations that allow only local ones when the platform's is external; loaded when
    /// first needed) and organizations' own endpoints.
    /// </summary>
    public static IServiceCollection AddEmbeddingModels(this IServiceCollection services)
    {
        services.AddSingleton<LocalEmbeddings>();
        services.AddSingleton<SecretBox>();
        services.AddSingleton<OwnEndpoints>();
        services.AddSingleton<EmbeddingModels>();
        services.AddSingleton<OwnEmbeddingFailures>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Whether the configured embeddings endpoint says <c>Local=true</c>; the local model always runs inside.</summary>
    public static bool EmbeddingsRunInside(IConfiguration configuration) =>
        configuration.GetConnectionString(EmbeddingsConnectionName) is { Length: > 0 } connectionString
        && new DbConnectionStringBuilder { ConnectionString = connectionString }.TryGetValue("Local", out var local)
        && bool.TryParse(local as string, out var inside) && inside;

    private static (OpenAIClient Client, string Model)? Connect(IHostApplicationBuilder builder, string name)
    {
        if (builder.Configuration.GetConnectionString(name) is not { Length: > 0 } connectionString)
        {
            return null;
        }
        var settings = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string Setting(string key) => settings.TryGetValue(key, out var value) && value is string text && text.Length > 0
            ? text : throw new InvalidOperationException($"ConnectionStrings:{name} needs {key}=…: Endpoint=https://…/v1;Key=…;Model=…");
        return (ModelRegistry.OpenAi(new Uri(Setting("Endpoint")), Setting("Key"), transport: null), Setting("Model"));
    }
}
