namespace Platform.Collaboration.Ot;

public enum ComponentKind : byte
{
    Skip,
    Insert,
    Delete,
}

/// <summary>
/// One step of a text operation (the ot-text-unicode model): skip N code points, insert a string, or delete N code points.
/// <see cref="Length"/> is always in code points, also for inserts.
/// </summary>
public readonly record struct OpComponent
{
    private OpComponent(ComponentKind kind, int length, string? text)
    {
        Kind = kind;
        Length = length;
        Text = text;
    }

    public ComponentKind Kind { get; }

    public int Length { get; }

    /// <summary>The inserted text; null unless <see cref="Kind"/> is <see cref="ComponentKind.Insert"/>.</summary>
    public string? Text { get; }

    public bool IsSkip => Kind == ComponentKind.Skip;

    public bool IsInsert => Kind == ComponentKind.Insert;

    public bool IsDelete => Kind == ComponentKind.Delete;

    public static OpComponent Skip(int count) => new(ComponentKind.Skip, count, null);

    public static OpComponent Delete(int count) => new(ComponentKind.Delete, count, null);

    public static OpComponent Insert(string text) => new(ComponentKind.Insert, CodePoints.Count(text), text);

    internal static OpComponent Insert(string text, int codePoints) => new(ComponentKind.Insert, codePoints, text);
}
