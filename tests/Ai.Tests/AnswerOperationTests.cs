using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
        var organization = await fixture.IndexAsync();
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var found = -1;

        var answer = await Operation(scope).AnswerAsync(" How is the ledger replicated? ", project: null, conversation: null, User(organization, "projects:read docs:read"),
            (count, _) => Task.FromResult(found = count), TestContext.Current.CancellationToken);

        Assert.Equal(ChatModelServer.AnswerOf("test-chat", "How is the ledger replicated?"), answer.Text);
        Assert.Equal("test-chat", answer.Model);
        Assert.Equal(answer.Sources.Count, found);
        Assert.Equal("ASK-1", answer.Sources[0].Key);
        Assert.Equal($"platform://{organization}/tasks/ASK-1", answer.Sources[0].Uri);
        Assert.Contains(answer.Sources, source => source.Kind == "document" && source.Title == "Ledger design");
        var (instructions, prompt) = fixture.PromptsAbout("How is the ledger replicated?").Single();
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
        var organization = await fixture.IndexAsync();
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
        var answer = await Operation(scope).AnswerAsync("Which colour is the palette of the panel backgrounds?", project: null, conversation: null, User(organization, "projects:read docs:read"),
            sourcesFound: null, cancellationToken);

        var cited = answer.Sources[0];
        Assert.Equal(("task", "ASK-2", "palette.pdf"), (cited.Kind, cited.Key, cited.File));
        Assert.StartsWith("[1] Task ASK-2: Dark mode, attached file palette.pdf\nThe night palette uses indigo",
            fixture.PromptsAbout("Which colour is the palette of the panel backgrounds?").Single().Prompt.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        await using var later = _host.Services.CreateAsyncScope();
        await later.ServiceProvider.GetRequiredService<SearchIndexer>().HandleAsync(new FileDeleted(fileId) { OrganizationId = organization }, cancellationToken);
        var search = later.ServiceProvider.GetRequiredService<HybridSearch>();
        Assert.DoesNotContain(await search.SearchAsync(organization, new SearchQuery("indigo", [SourceKind.Task, SourceKind.Document], null), 0, 10, cancellationToken),
            hit => hit.File is not null || hit.Passage.Contains("indigo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_that_reads_only_tasks_gives_the_model_no_documents()
    {
        var organization = await fixture.IndexAsync();
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var answer = await Operation(scope).AnswerAsync("Where does the ledger standby live?", project: null, conversation: null, User(organization, "projects:read"),
            sourcesFound: null, TestContext.Current.CancellationToken);

        Assert.NotEmpty(answer.Sources);
        Assert.All(answer.Sources, source => Assert.Equal("task", source.Kind));
        Assert.DoesNotContain("Document", fixture.PromptsAbout("Where does the ledger standby live?").Single().Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_model_the_question_is_refused_before_anything_is_searched()
    {
        var organization = Guid.NewGuid();
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var operation = Operation(scope, withModel: false);
        var user = User(organization, "projects:read docs:read");
        var searched = false;

        var missing = await Assert.ThrowsAsync<ModelNotConfiguredException>(() => operation.AnswerAsync("What is the plan?", null, null, user,
            (_, _) => Task.FromResult(searched = true), TestContext.Current.CancellationToken));
        Assert.Contains("connection string 'chat'", missing.Remedy, StringComparison.Ordinal);
        Assert.Contains("search, read_document", missing.Message, StringComparison.Ordinal);
        Assert.False(searched);

        var empty = await Assert.ThrowsAsync<InvalidArgumentException>(() => operation.AnswerAsync("  ", null, null, user, null, TestContext.Current.CancellationToken));
        Assert.Equal("question", empty.Argument);
        Assert.Equal("Argument 'question': 1 to 1000 characters.", empty.Message);
    }

    [Fact]
    public async Task An_answer_is_recorded_with_its_cost_and_only_its_asker_rates_it()
    {
        var organization = await fixture.IndexAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var asker = User(organization, "projects:read docs:read");

        var answer = await Operation(scope).AnswerAsync("Who keeps the ledger standby?", null, null, asker, null, cancellationToken);

        var record = await scope.ServiceProvider.GetRequiredService<AiDbContext>().Answers.AsNoTracking().SingleAsync(a => a.Id == answer.Id, cancellationToken);
        Assert.Equal(("user-1", "default", "test-chat", false, (string?)null), (record.UserId, record.ModelName, record.Model, record.Cached, record.Error));
        Assert.True(record.InputTokens > 20 && record.OutputTokens > 3, $"{record.InputTokens} in, {record.OutputTokens} out");
        Assert.Equal((record.InputTokens * 2m + record.OutputTokens * 8m) / 1_000_000m, record.Cost);
        Assert.Contains("ASK-1", System.Text.Json.JsonDocument.Parse(record.Sources).RootElement.EnumerateArray().Select(source => source.GetProperty("key").GetString()));

        var ratings = scope.ServiceProvider.GetRequiredService<AnswerRatings>();
        var rated = await ratings.RateAsync(answer.Id.ToString(), "down", "  It missed the zone. ", asker, cancellationToken);
        Assert.Equal(("down", "It missed the zone."), (rated.Value, rated.Comment));
        Assert.Equal("up", (await ratings.RateAsync(answer.Id.ToString(), "up", null, asker, cancellationToken)).Value);
        var stored = await scope.ServiceProvider.GetRequiredService<AiDbContext>().Answers.AsNoTracking().SingleAsync(a => a.Id == answer.Id, cancellationToken);
        Assert.Equal(((short?)1, (string?)null), (stored.Rating, stored.Comment));

        var someoneElse = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(PlatformClaimTypes.Subject, "user-2"), new Claim(PlatformClaimTypes.Organization, organization.ToString()), new Claim(PlatformClaimTypes.Scope, "projects:read")], "test"));
        await Assert.ThrowsAsync<NotFoundException>(() => ratings.RateAsync(answer.Id.ToString(), "down", null, someoneElse, cancellationToken));
        Assert.Equal("rating", (await Assert.ThrowsAsync<InvalidArgumentException>(() => ratings.RateAsync(answer.Id.ToString(), "meh", null, asker, cancellationToken))).Argument);
        Assert.Equal("answerId", (await Assert.ThrowsAsync<InvalidArgumentException>(() => ratings.RateAsync("42", "up", null, asker, cancellationToken))).Argument);
    }

    [Fact]
    public async Task Each_answer_searches_with_a_tried_weight_and_the_ratings_choose_the_weight_of_plain_searches()
    {
        var organization = await fixture.IndexAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var asker = User(organization, "projects:read docs:read");
        var db = scope.ServiceProvider.GetRequiredService<AiDbContext>();
        var weights = scope.ServiceProvider.GetRequiredService<SearchWeights>();
        var before = await weights.ViewAsync(cancellationToken);
        Assert.Equal((0.7, 0.3, false), (before.FullText, before.Vector, before.Learned));

        var answer = await Operation(scope).AnswerAsync("Who keeps the ledger standby?", null, null, asker, null, cancellationToken);
        var tried = (await db.Answers.AsNoTracking().SingleAsync(a => a.Id == answer.Id, cancellationToken)).FusionVectorWeight;
        Assert.Contains(tried!.Value, FusionTuning.Candidates);

        // The team's answers searched with 0.5 were helpful, those with the default mostly not.
        for (var i = 0; i < 12; i++)
        {
            db.Answers.Add(RatedAnswer(organization, 0.5, 1));
            db.Answers.Add(RatedAnswer(organization, 0.3, (short)(i % 3 == 0 ? 1 : -1)));
        }
        await db.SaveChangesAsync(cancellationToken);
        // The last rating given on this replica makes the weights be read again.
        await scope.ServiceProvider.GetRequiredService<AnswerRatings>().RateAsync(answer.Id.ToString(), "up", null, asker, cancellationToken);

        var learned = await weights.ViewAsync(cancellationToken);
        Assert.Equal((0.5, 0.5, true), (learned.FullText, learned.Vector, learned.Learned));
        var half = learned.Tried.Single(t => t.Vector == 0.5);
        Assert.Equal(12 + (tried == 0.5 ? 1 : 0), half.Helpful);
        Assert.Equal(0, half.Unhelpful);
        Assert.Equal(new FusionWeights(0.5, 0.5), await weights.ForSearchAsync(cancellationToken));
    }

    private static AnswerRecord RatedAnswer(Guid organization, double vector, short rating) => new()
    {
        Id = Guid.CreateVersion7(), OrganizationId = organization, UserId = "user-1", Question = "q", ModelName = "default", Model = "test-chat",
        AskedAt = DateTimeOffset.UtcNow, FusionVectorWeight = vector, Rating = rating, RatedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task An_organizations_own_endpoint_answers_it_with_its_key_which_is_stored_encrypted()
    {
        var organization = await fixture.IndexAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        using var own = new ChatModelServer();
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var admin = User(organization, "projects:read docs:read org:admin");
        var settings = scope.ServiceProvider.GetRequiredService<ModelSettingsOperation>();

        var view = await settings.SetAsync(new ModelSettingsInput(LocalOnly: true, new OwnEndpointInput(own.Address, "own-model", "org-secret-key")), admin, cancellationToken);
        var answer = await Operation(scope).AnswerAsync("Is the ledger replicated to another zone?", null, null, admin, null, cancellationToken);

        Assert.Equal(new OwnEndpointView(own.Address, "own-model", HasKey: true), view.Chat);
        Assert.Equal(ChatModelServer.AnswerOf("own-model", "Is the ledger replicated to another zone?"), answer.Text);
        Assert.Equal("Bearer org-secret-key", Assert.Single(own.Requests).Authorization);
        var stored = await scope.ServiceProvider.GetRequiredService<AiDbContext>().ModelSettings.AsNoTracking().SingleAsync(s => s.OrganizationId == organization, cancellationToken);
        Assert.DoesNotContain("org-secret-key", System.Text.Encoding.UTF8.GetString(stored.ChatKey!), StringComparison.Ordinal);
        // Saved again without a key (a form never shows it): the key stays.
        Assert.True((await settings.SetAsync(new ModelSettingsInput(true, new OwnEndpointInput(own.Address, "own-model")), admin, cancellationToken)).Chat!.HasKey);

        // Without its own endpoint, an organization that allows only local models gets no external model.
        await settings.SetAsync(new ModelSettingsInput(LocalOnly: true, Chat: null), admin, cancellationToken);
        var refused = await Assert.ThrowsAsync<ModelNotConfiguredException>(() => Operation(scope).AnswerAsync("Is the ledger replicated?", null, null, admin, null, cancellationToken));
        Assert.Equal(ChatModels.LocalOnlyRefusal, refused.Remedy);
    }

    [Fact]
    public async Task A_model_that_fails_is_recorded_as_a_failed_answer()
    {
        var organization = await fixture.IndexAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        using var down = new ChatModelServer { FailWith = 500 };
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var admin = User(organization, "projects:read docs:read org:admin");
        await scope.ServiceProvider.GetRequiredService<ModelSettingsOperation>()
            .SetAsync(new ModelSettingsInput(false, new OwnEndpointInput(down.Address, "down-model")), admin, cancellationToken);

        await Assert.ThrowsAsync<ModelFailedException>(() => Operation(scope).AnswerAsync("Does the ledger fail over?", null, null, admin, null, cancellationToken));

        var failed = await scope.ServiceProvider.GetRequiredService<AiDbContext>().Answers.AsNoTracking().SingleAsync(a => a.OrganizationId == organization, cancellationToken);
        Assert.Equal(("organization", "down-model"), (failed.ModelName, failed.Model));
        Assert.StartsWith("ClientResultException", failed.Error, StringComparison.Ordinal);
        Assert.Null(failed.Cost);
    }

    [Fact]
    public async Task An_experiment_routes_each_person_to_one_arm_reports_their_ratings_and_its_variant_is_promoted()
    {
        var organization = await fixture.IndexAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var admin = User(organization, "projects:read docs:read org:admin");
        var experiments = scope.ServiceProvider.GetRequiredService<Experiments.ExperimentOperation>();

        Assert.Equal("variant.model", (await Assert.ThrowsAsync<InvalidArgumentException>(() => experiments.StartAsync(
            new Experiments.ExperimentInput("Bigger model", null, new Experiments.ArmInput("giant")), admin, cancellationToken))).Argument);
        Assert.Equal("variant", (await Assert.ThrowsAsync<InvalidArgumentException>(() => experiments.StartAsync(
            new Experiments.ExperimentInput("Nothing differs", null, null), admin, cancellationToken))).Argument);
        var started = await experiments.StartAsync(new Experiments.ExperimentInput("Bigger model", null, new Experiments.ArmInput("bigger")), admin, cancellationToken);
        await Assert.ThrowsAsync<ConflictException>(() => experiments.StartAsync(
            new Experiments.ExperimentInput("Another", null, new Experiments.ArmInput(null, "Answer in French.")), admin, cancellationToken));

        var ratings = scope.ServiceProvider.GetRequiredService<AnswerRatings>();
        var models = new Dictionary<string, string>();
        for (var person = 0; person < 8; person++)
        {
            var user = User(organization, "projects:read docs:read", $"person-{person}");
            var arm = Experiments.ExperimentRouting.ArmOf(started.Id, $"person-{person}", 50);
            for (var question = 0; question < 2; question++)
            {
                var answer = await Operation(scope).AnswerAsync($"Ledger question {question} of person {person}?", null, null, user, null, cancellationToken);
                models[$"{person}/{question}"] = answer.Model;
                Assert.Equal(arm == "variant" ? "bigger-chat" : "test-chat", answer.Model);
                await ratings.RateAsync(answer.Id.ToString(), arm == "variant" ? "up" : "down", null, user, cancellationToken);
            }
        }

        var report = await experiments.ReportAsync(started.Id, cancellationToken);
        Assert.Equal(16, report.Figures.Control.Answers + report.Figures.Variant.Answers);
        Assert.Equal(report.Figures.Variant.Answers, report.Figures.Variant.Helpful);
        Assert.Equal(0, report.Figures.Control.Helpful);
        Assert.Equal(("test-chat", "bigger-chat"), (report.Figures.Control.Model, report.Figures.Variant.Model));

        var promoted = await experiments.PromoteAsync(started.Id, admin, cancellationToken);
        Assert.Equal("promoted", promoted.Outcome);
        var after = await Operation(scope).AnswerAsync("Who reads the ledger now?", null, null, User(organization, "projects:read", "person-0"), null, cancellationToken);
        Assert.Equal("bigger-chat", after.Model);
        await Assert.ThrowsAsync<ConflictException>(() => experiments.StopAsync(started.Id, cancellationToken));
    }

    [Fact]
    public async Task An_experiment_routed_by_conversation_gives_each_conversation_one_arm_and_one_person_both()
    {
        var organization = await fixture.IndexAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var admin = User(organization, "projects:read docs:read org:admin");
        var experiments = scope.ServiceProvider.GetRequiredService<Experiments.ExperimentOperation>();
        Assert.Equal("routeBy", (await Assert.ThrowsAsync<InvalidArgumentException>(() => experiments.StartAsync(
            new Experiments.ExperimentInput("Per thread", null, new Experiments.ArmInput("bigger"), RouteBy: "session"), admin, cancellationToken))).Argument);
        var started = await experiments.StartAsync(new Experiments.ExperimentInput("Per thread", null, new Experiments.ArmInput("bigger"), RouteBy: " Conversation "), admin, cancellationToken);
        Assert.Equal("conversation", started.RouteBy);

        var models = new HashSet<string>();
        for (var conversation = 0; conversation < 16; conversation++)
        {
            var expected = Experiments.ExperimentRouting.ArmOf(started.Id, $"conversation:thread-{conversation}", 50) == "variant" ? "bigger-chat" : "test-chat";
            for (var question = 0; question < 2; question++)
            {
                var answer = await Operation(scope).AnswerAsync($"Ledger question {question} in thread {conversation}?", null, $"thread-{conversation}", admin, null, cancellationToken);
                Assert.Equal(expected, answer.Model);
                models.Add(answer.Model);
            }
        }
        Assert.Equal(["bigger-chat", "test-chat"], models.Order());
        // A question naming no conversation is routed by its person.
        var personal = Experiments.ExperimentRouting.ArmOf(started.Id, "user-1", 50) == "variant" ? "bigger-chat" : "test-chat";
        Assert.Equal(personal, (await Operation(scope).AnswerAsync("Ledger question without a thread?", null, null, admin, null, cancellationToken)).Model);
        await experiments.StopAsync(started.Id, cancellationToken);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/v1")]
    [InlineData("http://localhost/v1")]
    [InlineData("http://169.254.169.254/latest")]
    [InlineData("http://10.0.0.7/v1")]
    [InlineData("ftp://llm.example.com/v1")]
    [InlineData("https://user:pass@llm.example.com/v1")]
    [InlineData("not a url")]
    public async Task An_own_endpoint_must_be_a_public_http_address(string endpoint)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var organization = Guid.NewGuid();

        var chat = await RefusedAsync(new ModelSettingsInput(false, new OwnEndpointInput(endpoint, "m")));
        var embeddings = await RefusedAsync(new ModelSettingsInput(false, null, new OwnEndpointInput(endpoint, "m")));

        Assert.Equal(("chat.endpoint", "embeddings.endpoint"), (chat.Argument, embeddings.Argument));
        await using var scope = _host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<AiDbContext>().ModelSettings.SingleOrDefaultAsync(s => s.OrganizationId == organization, cancellationToken));

        async Task<InvalidArgumentException> RefusedAsync(ModelSettingsInput input)
        {
            await using var scope = _host.Services.CreateAsyncScope();
            using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
            var settings = new ModelSettingsOperation(scope.ServiceProvider.GetRequiredService<AiDbContext>(), scope.ServiceProvider.GetRequiredService<TenantContext>(),
                scope.ServiceProvider.GetRequiredService<SecretBox>(), scope.ServiceProvider.GetRequiredService<PassageEmbedding>(),
                scope.ServiceProvider.GetRequiredService<OwnEmbeddingFailures>(), Options.Create(new AiOptions { AllowPrivateModelEndpoints = false }), TimeProvider.System);
            return await Assert.ThrowsAsync<InvalidArgumentException>(() => settings.SetAsync(input, User(organization, "org:admin"), cancellationToken));
        }
    }

    /// <summary>The operation as the service builds it; <paramref name="withModel"/> false: a platform with no chat model configured.</summary>
    private static AnswerOperation Operation(AsyncServiceScope scope, bool withModel = true)
    {
        var services = scope.ServiceProvider;
        var chatModels = withModel ? services.GetRequiredService<ChatModels>()
            : new ChatModels(new ModelRegistry(new ConfigurationBuilder().Build()), services.GetRequiredService<OwnEndpoints>(),
                services.GetRequiredService<AiDbContext>(), services.GetRequiredService<TenantContext>());
        // No question here names a project, so the projects service is never asked.
        var projects = new ProjectLookup(new PlatformApi(new HttpClient(), new HttpContextAccessor()));
        return new AnswerOperation(services.GetRequiredService<HybridSearch>(), services.GetRequiredService<SearchWeights>(), chatModels, services.GetRequiredService<ChatModel>(), projects,
            services.GetRequiredService<AiDbContext>(), services.GetRequiredService<TenantContext>());
    }

    private static ClaimsPrincipal User(Guid organization, string scopes, string subject = "user-1") => new(new ClaimsIdentity(
        [new Claim(PlatformClaimTypes.Subject, subject), new Claim(PlatformClaimTypes.Organization, organization.ToString()), new Claim(PlatformClaimTypes.Scope, scopes)],
        authenticationType: "test"));
}

/// <summary>One Postgres with the AI service's schema for the class, and what search needs; each test indexes its own organization.</summary>
public sealed class SearchIndexFixture : IAsyncLifetime
{
    private LocalServers? _servers;

    public IHost Host { get; private set; } = null!;

    /// <summary>The platform's chat model: a real OpenAI-compatible server on loopback, model <c>test-chat</c>.</summary>
    public ChatModelServer Model { get; } = new();

    /// <summary>The system and user messages of each chat request whose prompt ends with <paramref name="question"/>.</summary>
    public IEnumerable<(string Instructions, string Prompt)> PromptsAbout(string question) => Model.Requests
        .Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal))
        .Select(r => r.Body["messages"]!.AsArray().Select(m => m!["content"]!.GetValue<string>()).ToArray())
        .Where(m => m[1].EndsWith("Question: " + question, StringComparison.Ordinal))
        .Select(m => (m[0], m[1]));

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _servers = await LocalServers.StartAsync([AiDataExtensions.ConnectionName], cancellationToken);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{AiDataExtensions.ConnectionName}"] = await _servers.ConnectionStringAsync(AiDataExtensions.ConnectionName, cancellationToken),
            ["ConnectionStrings:chat"] = $"Endpoint={Model.Address};Key=test-key;Model=test-chat;InputCostPerMillion=2;OutputCostPerMillion=8",
            // A second model of the registry, for experiments: the same server, another model name.
            ["Ai:Models:bigger:Endpoint"] = Model.Address,
            ["Ai:Models:bigger:Model"] = "bigger-chat",
            ["Ai:Models:bigger:Local"] = "true",
            ["Ai:SecretsKey"] = "the tests' secrets key",
            ["Ai:AllowPrivateModelEndpoints"] = "true",
            [LocalEmbeddings.ConfigurationKey] = LocalEmbeddings.HashedNGrams,
        });
        builder.AddAiData();
        builder.Services.AddEmbeddingGenerator(new HashedNGramEmbedder());
        builder.Services.AddOptions<AiOptions>().BindConfiguration(AiOptions.Section);
        builder.Services.AddSingleton<AiMetrics>();
        builder.Services.AddSingleton<ModelRegistry>();
        builder.Services.AddEmbeddingModels();
        builder.Services.AddScoped<ChatModels>();
        builder.Services.AddScoped<ChatModel>();
        builder.Services.AddScoped<AnswerRatings>();
        builder.Services.AddScoped<ModelSettingsOperation>();
        builder.Services.AddScoped<Experiments.ExperimentOperation>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<VectorIndex>();
        builder.Services.AddSingleton<PassageEmbedding>();
        builder.Services.AddScoped<HybridSearch>();
        builder.Services.AddScoped<SearchWeights>();
        builder.Services.AddScoped<IndexProgress>();
        builder.Services.AddScoped<ModelCatalog>();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<SearchIndexer>();
        builder.Services.AddScoped<AfterCommit>();
        builder.Services.AddHybridCache();
        Host = builder.Build();
        await using var scope = Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AiDbContext>().Database.MigrateAsync(cancellationToken);
    }

    /// <summary>A new organization with two tasks and a document about a ledger, indexed as their events would index them.</summary>
    public async Task<Guid> IndexAsync()
    {
        var organization = Guid.NewGuid();
        var project = Guid.NewGuid();
        await using var scope = Host.Services.CreateAsyncScope();
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

    public async ValueTask DisposeAsync()
    {
        Host?.Dispose();
        Model.Dispose();
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}
