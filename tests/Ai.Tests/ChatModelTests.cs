using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Ai.Models;

namespace Platform.Ai.Tests;

/// <summary>The chat model's answers are cached by model and prompt; a model that fails is a refusal to try again.</summary>
public sealed class ChatModelTests
{
    [Fact]
    public async Task The_same_prompt_is_answered_once_and_a_different_one_another_model_or_another_organization_again()
    {
        var model = new AnsweringModel();
        var chat = Create();
        var target = Target("a", model);
        var organization = Guid.NewGuid();

        var first = await chat.CompleteAsync(organization, target, "Be brief.", "What is the plan?", TestContext.Current.CancellationToken);
        var again = await chat.CompleteAsync(organization, target, "Be brief.", "What is the plan?", TestContext.Current.CancellationToken);
        var other = await chat.CompleteAsync(organization, target, "Be brief.", "Who owns it?", TestContext.Current.CancellationToken);
        var otherModel = await chat.CompleteAsync(organization, Target("b", model), "Be brief.", "What is the plan?", TestContext.Current.CancellationToken);
        var otherOrganization = await chat.CompleteAsync(Guid.NewGuid(), target, "Be brief.", "What is the plan?", TestContext.Current.CancellationToken);

        Assert.Equal(new Completion("answer 1", 10, 2, Cached: false), first);
        Assert.Equal(first with { Cached = true }, again);
        Assert.Equal("answer 2", other.Text);
        Assert.Equal("answer 3", otherModel.Text);
        Assert.Equal(new Completion("answer 4", 10, 2, Cached: false), otherOrganization);
        Assert.Equal(4, model.Calls);
    }

    [Fact]
    public async Task A_model_that_fails_is_a_refusal_to_try_again_not_a_crash()
    {
        var error = await Assert.ThrowsAsync<Platform.Ai.Requests.ModelFailedException>(() =>
            Create().CompleteAsync(Guid.NewGuid(), Target("down", new FailingModel()), "Be brief.", "What is the plan?", TestContext.Current.CancellationToken));

        Assert.Contains("try again", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public void A_cost_is_estimated_from_the_models_prices_per_million_tokens()
    {
        Assert.Equal(0.0012m, Target("a", new AnsweringModel(), 0.2m, 1m).CostOf(1000, 1000));
        Assert.Null(Target("a", new AnsweringModel()).CostOf(1000, 1000));
    }

    private static ChatTarget Target(string name, IChatClient client, decimal? input = null, decimal? output = null) =>
        new(name, "model-" + name, "openai", Local: false, input, output, client);

    private static ChatModel Create()
    {
        var services = new ServiceCollection();
        services.AddHybridCache();
        services.AddMetrics();
        services.AddSingleton<AiMetrics>();
        var provider = services.BuildServiceProvider();
        return new ChatModel(provider.GetRequiredService<HybridCache>(), provider.GetRequiredService<AiMetrics>(), NullLogger<ChatModel>.Instance);
    }

    /// <summary>Stands in for a model server, which cannot run on the test machine: numbers its answers.</summary>
    private sealed class AnsweringModel : IChatClient
    {
        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"answer {++Calls}")) { Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 2 } });

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
