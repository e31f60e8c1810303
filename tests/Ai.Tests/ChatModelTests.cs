using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using Platform.Ai.Models;

namespace Platform.Ai.Tests;

/// <summary>The chat model's answers are cached by prompt; without a model, the error says how to configure one.</summary>
public sealed class ChatModelTests
{
    [Fact]
    public async Task The_same_prompt_is_answered_once_and_a_different_one_again()
    {
        var model = new AnsweringModel();
        var chat = Create(services => services.AddSingleton<IChatClient>(model));

        var first = await chat.CompleteAsync("Be brief.", "What is the plan?", TestContext.Current.CancellationToken);
        var again = await chat.CompleteAsync("Be brief.", "What is the plan?", TestContext.Current.CancellationToken);
        var other = await chat.CompleteAsync("Be brief.", "Who owns it?", TestContext.Current.CancellationToken);

        Assert.Equal("answer 1", first);
        Assert.Equal(first, again);
        Assert.Equal("answer 2", other);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task Without_a_model_the_error_says_how_to_configure_one()
    {
        var chat = Create(_ => { });
        var error = await Assert.ThrowsAsync<McpException>(() => chat.CompleteAsync("Be brief.", "What is the plan?", TestContext.Current.CancellationToken));
        Assert.Contains("connection string 'chat'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_fails_is_a_refusal_to_try_again_not_a_crash()
    {
        var chat = Create(services => services.AddSingleton<IChatClient>(new FailingModel()));

        var error = await Assert.ThrowsAsync<Platform.Ai.Requests.ModelFailedException>(() => chat.CompleteAsync("Be brief.", "What is the plan?", TestContext.Current.CancellationToken));

        Assert.Contains("try again", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    private static ChatModel Create(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddHybridCache();
        configure(services);
        var provider = services.BuildServiceProvider();
        return new ChatModel(provider, provider.GetRequiredService<HybridCache>());
    }

    /// <summary>Stands in for a model server, which cannot run on the test machine: numbers its answers.</summary>
    private sealed class AnsweringModel : IChatClient
    {
        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"answer {++Calls}")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>A model server that is down.</summary>
    private sealed class FailingModel : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new HttpRequestException("Connection refused");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
