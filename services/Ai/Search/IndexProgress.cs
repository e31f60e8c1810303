using Microsoft.EntityFrameworkCore;
using Platform.Ai.Data;
using Platform.Ai.Models;
using Platform.Data;

namespace Platform.Ai.Search;

/// <summary>How far the organization's passages are embedded with its model; those waiting are found by full text only.</summary>
/// <param name="Problem">Why embedding stopped, when the organization's own endpoint failed it.</param>
public sealed record IndexState(string Model, int Passages, int Embedded, int Waiting, string? Problem);

/// <summary>The organization's embedding progress (after a change of model, or while many passages arrive); asking also queues what waits.</summary>
public sealed class IndexProgress(AiDbContext db, EmbeddingModels models, PassageEmbedding embedding, OwnEmbeddingFailures failures, TenantContext tenant)
{
    public async Task<IndexState> DescribeAsync(CancellationToken cancellationToken)
    {
        var organization = tenant.RequiredOrganizationId;
        var model = (await models.ForAsync(db, organization, cancellationToken)).Model;
        var counts = await db.Chunks.Where(c => c.OrganizationId == organization && !c.Deleted)
            .GroupBy(_ => 1)
            .Select(g => new { Passages = g.Count(), Embedded = g.Count(c => c.EmbeddingModel == model) })
            .SingleOrDefaultAsync(cancellationToken);
        var state = new IndexState(model, counts?.Passages ?? 0, counts?.Embedded ?? 0, (counts?.Passages ?? 0) - (counts?.Embedded ?? 0), failures.ProblemOf(organization));
        if (state.Waiting > 0)
        {
            embedding.CatchUp(organization, model);
        }
        return state;
    }
}
