using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Platform.Ai.Data;
using Platform.Data;

namespace Platform.Ai.Search;

/// <summary>The weights plain searches use now, whether they were learned, and how each tried weight was rated.</summary>
public sealed record SearchWeightsView(double FullText, double Vector, bool Learned, int MinimumRatings, List<WeightTallyView> Tried);

public sealed record WeightTallyView(double FullText, double Vector, int Helpful, int Unhelpful, double ExpectedHelpfulShare);

/// <summary>
/// The organization's fusion weights (<see cref="FusionTuning"/>) from the ratings of its answers of the last
/// <see cref="Window"/>, read at most every <see cref="CacheTime"/> per replica.
/// </summary>
public sealed class SearchWeights(AiDbContext db, TenantContext tenant, IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(30);

    public async Task<FusionWeights> ForAnswerAsync(CancellationToken cancellationToken) =>
        FusionTuning.Choose(await TalliesAsync(cancellationToken), Random.Shared);

    public async Task<FusionWeights> ForSearchAsync(CancellationToken cancellationToken) =>
        FusionTuning.Learned(await TalliesAsync(cancellationToken));

    /// <summary>Read afresh: what a person looks at reflects every rating given so far, on any replica.</summary>
    public async Task<SearchWeightsView> ViewAsync(CancellationToken cancellationToken)
    {
        var tallies = await ReadTalliesAsync(cancellationToken);
        var weights = FusionTuning.Learned(tallies);
        return new SearchWeightsView(weights.FullText, weights.Vector, weights != FusionWeights.Default, FusionTuning.MinimumRatings,
            [.. FusionTuning.Candidates.Select(vector => FusionTuning.Tally(tallies, vector))
                .Select(t => new WeightTallyView(FusionTuning.WithVector(t.Vector).FullText, t.Vector, t.Helpful, t.Unhelpful, Math.Round(t.ExpectedHelpfulShare, 3)))]);
    }

    /// <summary>A new rating counts at once on this replica (on the others within <see cref="CacheTime"/>).</summary>
    public void Forget() => cache.Remove(CacheKey);

    private (string, Guid) CacheKey => ("search-weights", tenant.RequiredOrganizationId);

    private async Task<IReadOnlyCollection<WeightTally>> TalliesAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out IReadOnlyCollection<WeightTally>? known))
        {
            return known!;
        }
        var tallies = await ReadTalliesAsync(cancellationToken);
        cache.Set(CacheKey, tallies, CacheTime);
        return tallies;
    }

    private async Task<IReadOnlyCollection<WeightTally>> ReadTalliesAsync(CancellationToken cancellationToken)
    {
        var organization = tenant.RequiredOrganizationId;
        var since = clock.GetUtcNow() - Window;
        return await db.Answers
            .Where(a => a.OrganizationId == organization && a.AskedAt >= since && a.Rating != null && a.FusionVectorWeight != null)
            .GroupBy(a => a.FusionVectorWeight!.Value)
            .Select(g => new WeightTally(g.Key, g.Count(a => a.Rating > 0), g.Count(a => a.Rating < 0)))
            .ToListAsync(cancellationToken);
    }
}
