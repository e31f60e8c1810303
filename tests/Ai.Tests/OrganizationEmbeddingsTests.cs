using System.ClientModel;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using OpenAI;
using Platform.Ai.Data;
using Platform.Ai.Models;
using Platform.Ai.Search;
using Platform.Data;
using Platform.Testing;

namespace Platform.Ai.Tests;

/// <summary>
/// Which embedding model serves an organization: its own endpoint (a real OpenAI-compatible server on loopback), the
/// platform's, or the local one when it allows only local models and the platform's is external.
/// </summary>
public sealed class OrganizationEmbeddingsTests(SearchIndexFixture fixture) : IClassFixture<SearchIndexFixture>
{
    [Fact]
    public async Task An_organizations_own_endpoint_embeds_its_passages_and_queries_with_its_key_and_other_organizations_keep_the_platforms()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var organization = await fixture.IndexAsync();
        var neighbour = await fixture.IndexAsync();
        using var own = new ChatModelServer();
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        var db = scope.ServiceProvider.GetRequiredService<AiDbContext>();

        var view = await scope.ServiceProvider.GetRequiredService<ModelSettingsOperation>().SetAsync(
            new ModelSettingsInput(LocalOnly: true, Chat: null, new OwnEndpointInput(own.Address, "team-embed", "embed-secret")), Admin(organization), cancellationToken);
        await EmbedAllAsync(organization, cancellationToken);

        var model = OwnEndpoints.EmbeddingModelId(own.Address, "team-embed");
        Assert.Equal(new OwnEndpointView(own.Address, "team-embed", HasKey: true), view.Embeddings);
        var passages = await db.Chunks.AsNoTracking().Where(c => c.OrganizationId == organization && !c.Deleted).ToListAsync(cancellationToken);
        Assert.All(passages, p => Assert.Equal((model, 8), (p.EmbeddingModel, p.Embedding!.Length)));
        Assert.All(await db.Chunks.AsNoTracking().Where(c => c.OrganizationId == neighbour).ToListAsync(cancellationToken),
            p => Assert.Equal(HashedNGramEmbedder.ModelId, p.EmbeddingModel));
        var stored = await db.ModelSettings.AsNoTracking().SingleAsync(s => s.OrganizationId == organization, cancellationToken);
        Assert.DoesNotContain("embed-secret", System.Text.Encoding.UTF8.GetString(stored.EmbeddingsKey!), StringComparison.Ordinal);

        // The query is embedded there too: by meaning alone, the passage whose text it is comes first.
        var passage = passages.First(p => p.Heading.Contains("ASK-1", StringComparison.Ordinal));
        var hits = await scope.ServiceProvider.GetRequiredService<HybridSearch>().SearchAsync(organization,
            new SearchQuery($"{passage.Heading}\n{passage.Content}", [SourceKind.Task, SourceKind.Document], null, new FusionWeights(0, 1)), 0, 5, cancellationToken);
        Assert.Equal(("ASK-1", 1.0), (hits[0].Key, hits[0].VectorScore));
        Assert.All(own.Requests, r => Assert.Equal(("/v1/embeddings", "Bearer embed-secret"), (r.Path, r.Authorization)));
        Assert.Equal($"{passage.Heading}\n{passage.Content}", own.Requests.Last().Body["input"]!.AsArray().Single()!.GetValue<string>());

        var state = await scope.ServiceProvider.GetRequiredService<IndexProgress>().DescribeAsync(cancellationToken);
        Assert.Equal(new IndexState(model, passages.Count, passages.Count, 0, null), state);
        var described = await scope.ServiceProvider.GetRequiredService<ModelCatalog>().DescribeAsync(cancellationToken);
        Assert.Equal(new ModelDescription(model, OwnEndpoints.Name, Local: true), described.Embeddings);

        // Removed: the platform's model embeds the passages again.
        await scope.ServiceProvider.GetRequiredService<ModelSettingsOperation>().SetAsync(new ModelSettingsInput(false, null, null), Admin(organization), cancellationToken);
        await EmbedAllAsync(organization, cancellationToken);
        Assert.All(await db.Chunks.AsNoTracking().Where(c => c.OrganizationId == organization && !c.Deleted).ToListAsync(cancellationToken),
            p => Assert.Equal(HashedNGramEmbedder.ModelId, p.EmbeddingModel));
    }

    [Fact]
    public async Task While_the_organizations_endpoint_fails_search_goes_on_by_full_text_and_the_index_says_why()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var organization = await fixture.IndexAsync();
        using var own = new ChatModelServer { FailWith = 401 };
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        using var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(organization);
        await scope.ServiceProvider.GetRequiredService<ModelSettingsOperation>().SetAsync(
            new ModelSettingsInput(false, null, new OwnEndpointInput(own.Address, "team-embed", "wrong-key")), Admin(organization), cancellationToken);
        var embedding = scope.ServiceProvider.GetRequiredService<PassageEmbedding>();

        await Assert.ThrowsAnyAsync<ClientResultException>(() => embedding.EmbedBatchAsync(organization, cancellationToken));
        var asked = own.Requests.Count;
        var hits = await scope.ServiceProvider.GetRequiredService<HybridSearch>().SearchAsync(organization,
            new SearchQuery("ledger", [SourceKind.Task, SourceKind.Document], null), 0, 5, cancellationToken);
        var failing = await scope.ServiceProvider.GetRequiredService<IndexProgress>().DescribeAsync(cancellationToken);

        Assert.Contains(hits, h => h.Key == "ASK-1");
        Assert.All(hits, h => Assert.Equal(0, h.VectorScore));
        // The endpoint rests after its failure: the search did not wait for it.
        Assert.Equal(asked, own.Requests.Count);
        Assert.Equal(failing.Passages, failing.Waiting);
        Assert.Contains("embeddings endpoint failed", failing.Problem, StringComparison.Ordinal);
        Assert.Contains("401", failing.Problem, StringComparison.Ordinal);

        own.FailWith = null;
        await EmbedAllAsync(organization, cancellationToken);
        var recovered = await scope.ServiceProvider.GetRequiredService<IndexProgress>().DescribeAsync(cancellationToken);
        Assert.Equal((0, null), (recovered.Waiting, recovered.Problem));
    }

    [Fact]
    public void An_organization_that_allows_only_local_models_is_embedded_by_the_local_model_when_the_platforms_is_external()
    {
        using var platformModel = new ChatModelServer();
        using var external = Models($"Endpoint={platformModel.Address};Key=k;Model=platform-embed", platformModel.Address);
        using var inside = Models($"Endpoint={platformModel.Address};Key=k;Model=platform-embed;Local=true", platformModel.Address);
        var organization = Guid.NewGuid();
        var ownEndpoint = new ModelSettings { OrganizationId = organization, LocalOnly = true, EmbeddingsEndpoint = "https://embed.example.com/v1/", EmbeddingsModel = "team-embed" };
        var models = external.GetRequiredService<EmbeddingModels>();

        Assert.Equal(("platform-embed", false), (models.For(null).Model, models.For(null).Local));
        Assert.Equal("platform-embed", models.For(new ModelSettings { OrganizationId = organization }).Model);
        Assert.Equal((HashedNGramEmbedder.ModelId, true), (models.For(new ModelSettings { OrganizationId = organization, LocalOnly = true }) is var local ? (local.Model, local.Local) : default));
        Assert.Equal(("team-embed@embed.example.com", OwnEndpoints.Name), (models.For(ownEndpoint).Model, models.For(ownEndpoint).Provider));
        // An endpoint the operator marks as inside the platform's network serves such organizations as it is.
        Assert.Equal("platform-embed", inside.GetRequiredService<EmbeddingModels>().For(new ModelSettings { OrganizationId = organization, LocalOnly = true }).Model);
    }

    [Fact]
    public void A_failed_endpoint_rests_a_minute_and_its_problem_shows_until_it_answers_again()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));
        var failures = new OwnEmbeddingFailures(clock);
        var organization = Guid.NewGuid();

        failures.Failed(organization, new HttpRequestException("connection refused"));
        Assert.True(failures.Resting(organization));
        Assert.False(failures.Resting(Guid.NewGuid()));
        clock.Advance(OwnEmbeddingFailures.Rest);

        Assert.False(failures.Resting(organization));
        Assert.Contains("connection refused", failures.ProblemOf(organization), StringComparison.Ordinal);
        failures.Cleared(organization);
        Assert.Null(failures.ProblemOf(organization));
    }

    private static ServiceProvider Models(string connectionString, string address)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:embeddings"] = connectionString,
            [LocalEmbeddings.ConfigurationKey] = LocalEmbeddings.HashedNGrams,
        }).Build();
        var platform = new OpenAIClient(new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = new Uri(address) })
            .GetEmbeddingClient("platform-embed").AsIEmbeddingGenerator();
        return new ServiceCollection().AddOptions().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddSingleton(platform).AddEmbeddingModels().BuildServiceProvider();
    }

    private async Task EmbedAllAsync(Guid organization, CancellationToken cancellationToken)
    {
        var embedding = fixture.Host.Services.GetRequiredService<PassageEmbedding>();
        while (await embedding.EmbedBatchAsync(organization, cancellationToken) > 0)
        {
        }
    }

    private static ClaimsPrincipal Admin(Guid organization) => new(new ClaimsIdentity(
        [new Claim(PlatformClaimTypes.Subject, "admin-1"), new Claim(PlatformClaimTypes.Organization, organization.ToString()), new Claim(PlatformClaimTypes.Scope, "org:admin")],
        authenticationType: "test"));
}
