using System.ClientModel;
using System.Data.Common;
using Microsoft.Extensions.AI;
using OpenAI;
using Platform.Ai.Search;

namespace Microsoft.Extensions.Hosting;

public static class EmbeddingModels
{
    /// <summary>The connection string naming an embedding model: <c>Endpoint=https://…/v1;Key=…;Model=text-embedding-3-small</c>.</summary>
    public const string ConnectionName = "embeddings";

    /// <summary>
    /// The embedding generator: any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM) when the connection
    /// string <c>embeddings</c> is set, else the local <see cref="HashedNGramEmbedder"/>. Changing it re-embeds nothing
    /// by itself: passages keep the model that embedded them and only those of the current model are compared.
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddingModel(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString(ConnectionName) is { Length: > 0 } connectionString)
        {
            var settings = new DbConnectionStringBuilder { ConnectionString = connectionString };
            string Setting(string name) => settings.TryGetValue(name, out var value) && value is string text && text.Length > 0
                ? text : throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} needs {name}=…: Endpoint=https://…/v1;Key=…;Model=…");
            var client = new OpenAIClient(new ApiKeyCredential(Setting("Key")), new OpenAIClientOptions { Endpoint = new Uri(Setting("Endpoint")) });
            builder.Services.AddEmbeddingGenerator(client.GetEmbeddingClient(Setting("Model")).AsIEmbeddingGenerator()).UseOpenTelemetry();
        }
        else
        {
            builder.Services.AddEmbeddingGenerator(new HashedNGramEmbedder());
        }
        return builder;
    }
}
