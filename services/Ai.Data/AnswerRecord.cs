namespace Platform.Ai.Data;

/// <summary>
/// A question answered (or not: <see cref="Error"/>) by a chat model: what it cost, how long it took, the sources it was
/// given with each search method's score (what tuning the search weights learns from), and the asker's rating.
/// </summary>
public sealed class AnswerRecord
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>Who asked: the only one who may rate the answer.</summary>
    public string UserId { get; set; } = "";

    public string Question { get; set; } = "";

    /// <summary>The model as the registry names it (<c>organization</c> for the organization's own endpoint), and its model id.</summary>
    public string ModelName { get; set; } = "";

    public string Model { get; set; } = "";

    public Guid? ExperimentId { get; set; }

    /// <summary>control or variant, in an experiment.</summary>
    public string? Arm { get; set; }

    public double LatencyMs { get; set; }

    public long? InputTokens { get; set; }

    public long? OutputTokens { get; set; }

    /// <summary>In US dollars, from the model's configured prices; null when it has none.</summary>
    public decimal? Cost { get; set; }

    /// <summary>Answered from the cache: no model call, no cost.</summary>
    public bool Cached { get; set; }

    public string? Error { get; set; }

    /// <summary>The vector weight of the search for the sources (full text had the rest), which its rating credits.</summary>
    public double? FusionVectorWeight { get; set; }

    /// <summary>JSON: each source's result id, kind, key and its full-text and vector scores.</summary>
    public string Sources { get; set; } = "[]";

    public DateTimeOffset AskedAt { get; set; }

    /// <summary>+1 (helpful) or -1 (not helpful); null until rated.</summary>
    public short? Rating { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset? RatedAt { get; set; }
}
