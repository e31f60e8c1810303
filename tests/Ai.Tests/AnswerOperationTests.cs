using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Ai.Answers;
using Platform.Ai.Api;
using Platform.Ai.Data;
using Platform.Ai.Models;
using Platform.Ai.Requests;
using Platform.Ai.Search;
using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.Data;
using Platform.EventBus.Consuming;
using Platform.Testing;

namespace Platform.Ai.Tests;

/// <summary>
/// Questions answered from what search finds, on a real Postgres index, with a stand-in for the chat model (a real one
/// cannot run on the test machine) that records what it was given.
/// </summary>
public sealed class AnswerOperationTests(SearchIndexFixture fixture) : IClassFixture<SearchIndexFixture>
{
    private readonly IHost _host = fixture.Host;

    [Fact]
    public async Task The_model_is_given_the_passages_found_numbered_and_its_answer_comes_with_them_as_sources()
    {
        var organization = await IndexAsync();
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var found = -1;
        using var model = new RecordingModel();

        var answer = await Operation(scope, model).AnswerAsync(" How is the ledger replicated? ", project: null, User(organization, "projects:read docs:read"),
            (count, _) => Task.FromResult(found = count), TestContext.Current.CancellationToken);

        Assert.Equal("From [1].", answer.Text);
        Assert.Equal(answer.Sources.Count, found);
        Assert.Equal("ASK-1", answer.Sources[0].Key);
        Assert.Equal($"platform://{organization}/tasks/ASK-1", answer.Sources[0].Uri);
        Assert.Contains(answer.Sources, source => source.Kind == "document" && source.Title == "Ledger design");
        var (instructions, prompt) = Assert.Single(model.Prompts);
        Assert.Contains("cite them as [1]", instructions, StringComparison.Ordinal);
        Assert.StartsWith("[1] Task ASK-1: Replicate the ledger\nThe ledger is copied to a standby", prompt.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        // Numbered as the sources are listed, so a citation [n] is the n-th source.
        Assert.All(answer.Sources.Select((source, i) => (source, i)), pair => Assert.Contains(
            $"[{pair.i + 1}] {(pair.source.Kind == "task" ? $"Task {pair.source.Key}" : "Document")}: {pair.source.Title}", prompt, StringComparison.Ordinal));
        Assert.EndsWith("Question: How is the ledger replicated?", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passage_from_an_attached_file_is_cited_as_its_task_with_the_files_name_and_goes_when_the_file_does()
    {
        var organization = await IndexAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        var fileId = Guid.NewGuid();
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var task = await scope.ServiceProvider.GetRequiredService<AiDbContext>().Sources.SingleAsync(s => s.OrganizationId == organization && s.ResultKey == "ASK-2", cancellationToken);
        await scope.ServiceProvider.GetRequiredService<SearchIndexer>().HandleAsync(new FileTextExtracted(
            fileId, "palette.pdf", "application/pdf", "task", task.Id, task.Id, null, "The night palette uses indigo for every panel background.")
        {
            OrganizationId = organization,
        }, cancellationToken);
        var embedding = scope.ServiceProvider.GetRequiredService<PassageEmbedding>();
        while (await embedding.EmbedBatchAsync(organization, cancellationToken) > 0)
        {
        }
        using var model = new RecordingModel();

        var answer = await Operation(scope, model).AnswerAsync("Which colour is the palette of the panel backgrounds?", project: null, User(organization, "projects:read docs:read"),
            sourcesFound: null, cancellationToken);

        var cited = answer.Sources[0];
        Assert.Equal(("task", "ASK-2", "palette.pdf"), (cited.Kind, cited.Key, cited.File));
        Assert.StartsWith("[1] Task ASK-2: Dark mode, attached file palette.pdf\nThe night palette uses indigo",
            Assert.Single(model.Prompts).Prompt.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        await using var later = _host.Services.CreateAsyncScope();
        await later.ServiceProvider.GetRequiredService<SearchIndexer>().HandleAsync(new FileDeleted(fileId) { OrganizationId = organization }, cancellationToken);
        var search = later.ServiceProvider.GetRequiredService<HybridSearch>();
        Assert.DoesNotContain(await search.SearchAsync(organization, new SearchQuery("indigo", [SourceKind.Task, SourceKind.Document], null), 0, 10, cancellationToken),
            hit => hit.File is not null || hit.Passage.Contains("indigo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_that_reads_only_tasks_gives_the_model_no_documents()
    {
        var organization = await IndexAsync();
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        using var model = new RecordingModel();

        var answer = await Operation(scope, model).AnswerAsync("Where does the ledger standby live?", project: null, User(organization, "projects:read"),
            sourcesFound: null, TestContext.Current.CancellationToken);

        Assert.NotEmpty(answer.Sources);
        Assert.All(answer.Sources, source => Assert.Equal("task", source.Kind));
        Assert.DoesNotContain("Document", Assert.Single(model.Prompts).Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_model_the_question_is_refused_before_anything_is_searched()
    {
        var organization = Guid.NewGuid();
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var operation = Operation(scope, model: null);
        var user = User(organization, "projects:read docs:read");
        var searched = false;

        var missing = await Assert.ThrowsAsync<ModelNotConfiguredException>(() => operation.AnswerAsync("What is the plan?", null, user,
            (_, _) => Task.FromResult(searched = true), TestContext.Current.CancellationToken));
        Assert.Contains("connection string 'chat'", missing.Remedy, StringComparison.Ordinal);
        Assert.Contains("search, read_document", missing.Message, StringComparison.Ordinal);
        Assert.False(searched);

        var empty = await Assert.ThrowsAsync<InvalidArgumentException>(() => operation.AnswerAsync("  ", null, user, null, TestContext.Current.CancellationToken));
        Assert.Equal("question", empty.Argument);
        Assert.Equal("Argument 'question': 1 to 1000 characters.", empty.Message);
    }

    /// <summary>A new organization with two tasks and a document about a ledger, indexed as their events would index them.</summary>
    private async Task<Guid> IndexAsync()
    {
        var organization = Guid.NewGuid();
        var project = Guid.NewGuid();
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var index = scope.ServiceProvider.GetRequiredService<SearchIndexer>();
        var cancellationToken = TestContext.Current.CancellationToken;
        await index.HandleAsync(new TaskCreated(Guid.NewGuid(), project, "ASK-1", "Replicate the ledger")
        {
            OrganizationId = organization, Description = "The ledger is copied to a standby in another zone every night.",
        }, cancellationToken);
        await index.HandleAsync(new TaskCreated(Guid.NewGuid(), project, "ASK-2", "Dark mode")
        {
            OrganizationId = organization, Description = "A theme toggle in the settings.",
        }, cancellationToken);
        await index.HandleAsync(new DocumentChanged(Guid.NewGuid(), project, "Ledger design", "design_doc", 1, Deleted: false)
        {
            OrganizationId = organization, Text = "# Ledger\nEntries are appended, never changed.",
        }, cancellationToken);
        // As the service does once the events' transaction has committed.
        var embedding = scope.ServiceProvider.GetRequiredService<PassageEmbedding>();
        while (await embedding.EmbedBatchAsync(organization, cancellationToken) > 0)
        {
        }
        return organization;
    }

    private static AnswerOperation Operation(AsyncServiceScope scope, IChatClient? model)
    {
        var services = new ServiceCollection();
        if (model is not null)
        {
            services.AddSingleton(model);
        }
        var chat = new ChatModel(services.BuildServiceProvider(), scope.ServiceProvider.GetRequiredService<HybridCache>());
        // No question here names a project, so the projects service is never asked.
        var projects = new ProjectLookup(new PlatformApi(new HttpClient(), new HttpContextAccessor()));
        return new AnswerOperation(scope.ServiceProvider.GetRequiredService<HybridSearch>(), chat, projects, scope.ServiceProvider.GetRequiredService<TenantContext>());
    }

    private static ClaimsPrincipal User(Guid organization, string scopes) => new(new ClaimsIdentity(
        [new Claim(PlatformClaimTypes.Subject, "user-1"), new Claim(PlatformClaimTypes.Organization, organization.ToString()), new Claim(PlatformClaimTypes.Scope, scopes)],
        authenticationType: "test"));

    /// <summary>Stands in for a model server: records the instructions and prompt of each call and cites the first source.</summary>
    private sealed class RecordingModel : IChatClient
    {
        public List<(string Instructions, string Prompt)> Prompts { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var all = messages.ToList();
            Prompts.Add((all.Single(m => m.Role == ChatRole.System).Text, all.Single(m => m.Role == ChatRole.User).Text));
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "From [1].")));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

/// <summary>One Postgres with the AI service's schema for the class, and what search needs; each test indexes its own organization.</summary>
public sealed class SearchIndexFixture : IAsyncLifetime
{
    private LocalServers? _servers;

    public IHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _servers = await LocalServers.StartAsync([AiDataExtensions.ConnectionName], cancellationToken);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{AiDataExtensions.ConnectionName}"] = await _servers.ConnectionStringAsync(AiDataExtensions.ConnectionName, cancellationToken),
        });
        builder.AddAiData();
        builder.Services.AddEmbeddingGenerator(new HashedNGramEmbedder());
        builder.Services.AddSingleton<VectorIndex>();
        builder.Services.AddSingleton<PassageEmbedding>();
        builder.Services.AddScoped<HybridSearch>();
        builder.Services.AddScoped<SearchIndexer>();
        builder.Services.AddScoped<AfterCommit>();
        builder.Services.AddHybridCache();
        Host = builder.Build();
        await using var scope = Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AiDbContext>().Database.MigrateAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Host?.Dispose();
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}
