namespace Platform.Collaboration.Editing;

/// <summary>A refused edit or join, with a stable code (<c>op_invalid</c>, <c>not_found</c>, ...) and a precise message. Nothing was changed.</summary>
public sealed class CollaborationException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static CollaborationException NotFound() => new("not_found", "No such document.");
}
