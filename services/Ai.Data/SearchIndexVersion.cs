namespace Platform.Ai.Data;

/// <summary>
/// An organization's index version. Every index change increments it first, so its row lock orders the organization's
/// changes and <see cref="SearchChunk.ChangeSeq"/> grows in commit order: a reader that has seen version N has seen every
/// change up to N.
/// </summary>
public sealed class SearchIndexVersion
{
    public Guid OrganizationId { get; set; }

    public long Version { get; set; }
}
