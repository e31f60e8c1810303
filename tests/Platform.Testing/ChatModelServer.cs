using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Testing;

/// <summary>
/// A real OpenAI-compatible model server on loopback (HttpListener), for the chat and embeddings paths of the AI
/// service: <c>POST {Address}chat/completions</c> and <c>POST {Address}embeddings</c> in the shape of the OpenAI API
/// (what every OpenAI-compatible server answers), deterministically. A chat answer names the model and the question
/// and cites source [1]: "{model} answers: {question} [1]"; its usage counts words as tokens. Embeddings are 8
/// numbers from a hash of the text. Each request is kept with its Authorization header.
/// </summary>
public sealed class ChatModelServer : IDisposable
{
    private readonly LoopbackServer _server;

    public sealed record Received(string Path, string? Authorization, JsonObject Body);

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>When set, every request is answered with this status and an OpenAI-style error.</summary>
    public int? FailWith { get; set; }

    /// <summary>Where an OpenAI client points: <c>http://127.0.0.1:{port}/v1/</c>.</summary>
    public string Address { get; }

    public ChatModelServer()
    {
        _server = new LoopbackServer("v1", AnswerAsync);
        Address = _server.Address;
    }

    /// <summary>The chat answer for <paramref name="question"/> from <paramref name="model"/>.</summary>
    public static string AnswerOf(string model, string question) => $"{model} answers: {question} [1]";

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        var path = context.Request.Url!.AbsolutePath;
        var body = (JsonNode.Parse(context.Request.InputStream) as JsonObject) ?? [];
        Requests.Enqueue(new Received(path, context.Request.Headers["Authorization"], body));
        var model = body["model"]?.GetValue<string>() ?? "";
        JsonObject answer;
        if (FailWith is { } status)
        {
            response.StatusCode = status;
            answer = new JsonObject { ["error"] = new JsonObject { ["message"] = "The test server was told to fail.", ["type"] = "server_error" } };
        }
        else if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            answer = Chat(model, body);
        }
        else if (path.EndsWith("/embeddings", StringComparison.Ordinal))
        {
            answer = Embeddings(model, body);
        }
        else
        {
            response.StatusCode = 404;
            answer = new JsonObject { ["error"] = new JsonObject { ["message"] = $"No route {path}.", ["type"] = "invalid_request_error" } };
        }
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
        await response.OutputStream.WriteAsync(bytes);
    }

    private static JsonObject Chat(string model, JsonObject body)
    {
        var messages = body["messages"]?.AsArray().Select(m => m?["content"]?.GetValue<string>() ?? "").ToList() ?? [];
        var prompt = messages.LastOrDefault() ?? "";
        var question = prompt.Split('\n').LastOrDefault(line => line.StartsWith("Question: ", StringComparison.Ordinal))?["Question: ".Length..] ?? prompt;
        var content = AnswerOf(model, question);
        var promptTokens = messages.Sum(Words);
        var completionTokens = Words(content);
        return new JsonObject
        {
            ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = promptTokens, ["completion_tokens"] = completionTokens, ["total_tokens"] = promptTokens + completionTokens },
        };
    }

    private static JsonObject Embeddings(string model, JsonObject body)
    {
        var inputs = body["input"] is JsonArray array ? array.Select(i => i?.GetValue<string>() ?? "").ToList() : [body["input"]?.GetValue<string>() ?? ""];
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(inputs[i]));
            var vector = new JsonArray([.. Enumerable.Range(0, 8).Select(d => JsonValue.Create((hash[d] - 127.5f) / 127.5f))]);
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = vector });
        }
        var tokens = inputs.Sum(Words);
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
    }

    private static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    public void Dispose() => _server.Dispose();
}
