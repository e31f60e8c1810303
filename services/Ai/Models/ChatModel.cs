using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;

namespace Platform.Ai.Models;

/// <summary>
/// The configured chat model (connection string <c>chat</c>), its answers cached for <see cref="CacheFor"/> by a hash of
/// the model and the whole prompt: the same question over the same context costs one model call a week. Without a
/// model, a feature that needs one says so (<see cref="HowToConfigure"/>), and everything else works.
/// </summary>
public sealed class ChatModel(IServiceProvider services, HybridCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromDays(7);

    /// <summary>What to do when no model is configured, for any caller.</summary>
    public const string HowToConfigure = "No chat model is configured: set the connection string 'chat' (Endpoint=https://…/v1;Key=…;Model=…) on the ai resource.";

    /// <summary>What an assistant can do without one.</summary>
    public const string WhatWorksWithout = "search, read_document and the prompts work without one.";

    private readonly IChatClient? _chat = services.GetService<IChatClient>();
    private readonly ILogger _logger = services.GetService<ILogger<ChatModel>>() ?? NullLogger<ChatModel>.Instance;

    public bool IsConfigured => _chat is not null;

    /// <summary>The configured model's name and provider, or null without one.</summary>
    public ChatClientMetadata? Metadata => _chat?.GetService<ChatClientMetadata>();

    public async Task<string> CompleteAsync(string instructions, string prompt, CancellationToken cancellationToken)
    {
        if (_chat is null)
        {
            throw new McpException($"{HowToConfigure} {WhatWorksWithout}");
        }
        var model = _chat.GetService<ChatClientMetadata>()?.DefaultModelId ?? "";
        var key = "chat:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { model, instructions, prompt }))));
        return await cache.GetOrCreateAsync(key, async token =>
        {
            try
            {
                var response = await _chat.GetResponseAsync([new ChatMessage(ChatRole.System, instructions), new ChatMessage(ChatRole.User, prompt)], cancellationToken: token);
                return response.Text;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The model's server is not the caller's mistake: a 502 that says to try again, the cause in the log.
                ChatModelLog.Failed(_logger, e);
                throw new Platform.Ai.Requests.ModelFailedException(e);
            }
        }, new HybridCacheEntryOptions { Expiration = CacheFor, LocalCacheExpiration = TimeSpan.FromHours(1) }, cancellationToken: cancellationToken);
    }
}

internal static partial class ChatModelLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The chat model failed to answer")]
    public static partial void Failed(ILogger logger, Exception exception);
}
