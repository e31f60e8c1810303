using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Ai.Data;
using Platform.Ai.Requests;
using Platform.Ai.Search;
using Platform.Data;

namespace Platform.Ai.Answers;

/// <summary>A rating as it was recorded.</summary>
public sealed record Rating(Guid AnswerId, string Value, string? Comment, DateTimeOffset RatedAt);

/// <summary>
/// The asker's rating of an answer: helpful or not, with an optional comment; rating again replaces it. Only the person
/// who asked may rate (anyone else's answer is not found, as in another organization). The ratings feed the
/// experiments' reports and the tuning of the search weights. <c>rate_answer</c> and <c>POST /answers/{id}/rating</c> ask this.
/// </summary>
public sealed class AnswerRatings(AiDbContext db, TenantContext tenant, SearchWeights weights, TimeProvider clock)
{
    public const int MaxCommentLength = 1000;

    public async Task<Rating> RateAsync(string? answerId, string? rating, string? comment, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(answerId, out var id))
        {
            throw new InvalidArgumentException("answerId", $"the id an answer came with, not '{answerId}'.");
        }
        short value = rating?.Trim().ToLowerInvariant() switch
        {
            "up" or "helpful" or "+1" => 1,
            "down" or "unhelpful" or "not helpful" or "-1" => -1,
            _ => throw new InvalidArgumentException("rating", $"up (helpful) or down (not helpful), not '{rating}'."),
        };
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text?.Length > MaxCommentLength)
        {
            throw new InvalidArgumentException("comment", $"at most {MaxCommentLength} characters.");
        }
        var organization = tenant.RequiredOrganizationId;
        var actor = user.ActorId();
        var answer = await db.Answers.SingleOrDefaultAsync(a => a.Id == id && a.OrganizationId == organization && a.UserId == actor, cancellationToken)
            ?? throw new NotFoundException($"No answer {id} of yours.");
        (answer.Rating, answer.Comment, answer.RatedAt) = (value, text, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        weights.Forget();
        return new Rating(id, value > 0 ? "up" : "down", text, answer.RatedAt.Value);
    }
}
