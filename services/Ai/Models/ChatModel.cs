using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Platform.Ai.Requests;

namespace Platform.Ai.Models;

/// <summary>A model's answer: its text, the tokens it took (null when the server does not say), and whether it came from the cache.</summary>
public sealed record Completion(string Text, long? InputTokens, long? OutputTokens, bool Cached);

/// <summary>
/// Calls a chat model (<see cref="ChatTarget"/>), its answers cached for <see cref="CacheFor"/> by a hash of the model's
/// name, its model id and the whole prompt: the same question over the same context costs one model call a week. Each
/// organization has its own entries, so how fast an answer comes tells nothing about what another organization asked.
/// </summary>
public sealed partial class ChatModel(HybridCache cache, AiMetrics metrics, ILogger<ChatModel> logger)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromDays(7);

    /// <summary>What to do when no model is configured, for any caller.</summary>
    public const string HowToConfigure = "No chat model is configured: set the connection string 'chat' (Endpoint=https://…/v1;Key=…;Model=…) on the ai resource, " +
        "or an administrator sets the organization's own chat endpoint (PUT /api/ai/settings/models).";

    /// <summary>What an assistant can do without one.</summary>
    public const string WhatWorksWithout = "search, read_document and the prompts work without one.";

    public async Task<Completion> CompleteAsync(Guid organizationId, ChatTarget target, string instructions, string prompt, CancellationToken cancellationToken)
    {
        var key = "chat:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { organizationId.ToString(), target.Name, target.Model, instructions, prompt }))));
        var called = false;
        var completion = await cache.GetOrCreateAsync(key, async token =>
        {
            called = true;
            try
            {
                var response = await target.Client.GetResponseAsync([new ChatMessage(ChatRole.System, instructions), new ChatMessage(ChatRole.User, prompt)], cancellationToken: token);
                return new Completion(response.Text, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, Cached: false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The model's server is not the caller's mistake: a 502 that says to try again, the cause in the log.
                LogFailed(logger, e, target.Name, target.Model);
                metrics.Answered(target.Model, "error");
                throw new ModelFailedException(e);
            }
        }, new HybridCacheEntryOptions { Expiration = CacheFor, LocalCacheExpiration = TimeSpan.FromHours(1) }, cancellationToken: cancellationToken);
        metrics.Answered(target.Model, called ? "answered" : "cached");
        return called ? completion : completion with { Cached = true };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The chat model {Name} ({Model}) failed to answer")]
    private static partial void LogFailed(ILogger logger, Exception exception, string name, string model);
}
