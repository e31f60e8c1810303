namespace Platform.Collaboration.Ot;

/// <summary>Which of two concurrent operations wins a tie: the left one's insert at the same position goes first.</summary>
public enum Side
{
    Left,
    Right,
}

public sealed partial class TextOperation
{
    /// <summary>
    /// Rewrites <paramref name="op"/> so it applies after <paramref name="other"/> (both made on the same document),
    /// keeping its intent. <c>apply(apply(d, a), transform(b, a, Right)) == apply(apply(d, b), transform(a, b, Left))</c>.
    /// </summary>
    public static TextOperation Transform(TextOperation op, TextOperation other, Side side)
    {
        var result = new OperationBuilder();
        var reader = new ComponentReader(op._components);
        foreach (var c in other._components)
        {
            switch (c.Kind)
            {
                case ComponentKind.Skip:
                    for (var length = c.Length; length > 0;)
                    {
                        var piece = reader.Take(length, ComponentKind.Insert);
                        result.Append(piece);
                        if (!piece.IsInsert)
                        {
                            length -= piece.Length;
                        }
                    }
                    break;
                case ComponentKind.Insert:
                    if (side == Side.Left && reader.Peek() is { IsInsert: true })
                    {
                        result.Append(reader.TakeWhole()!.Value);
                    }
                    result.Skip(c.Length);
                    break;
                default:
                    for (var length = c.Length; length > 0;)
                    {
                        var piece = reader.Take(length, ComponentKind.Insert);
                        if (piece.IsInsert)
                        {
                            result.Append(piece);
                        }
                        else
                        {
                            // A skip over deleted text disappears; a delete of deleted text is already done.
                            length -= piece.Length;
                        }
                    }
                    break;
            }
        }
        while (reader.TakeWhole() is { } rest)
        {
            result.Append(rest);
        }
        return result.Build();
    }

    /// <summary>Both sides of a transform at once: <c>(a', b')</c> with <c>a ∘ b' == b ∘ a'</c>; <paramref name="left"/> wins ties.</summary>
    public static (TextOperation Left, TextOperation Right) TransformPair(TextOperation left, TextOperation right) =>
        (Transform(left, right, Side.Left), Transform(right, left, Side.Right));

    /// <summary>Where a cursor at <paramref name="position"/> ends up after <paramref name="op"/>; an insert exactly at the cursor stays after it.</summary>
    public static int TransformPosition(int position, TextOperation op)
    {
        var at = 0;
        for (var i = 0; i < op._components.Length && position > at; i++)
        {
            var c = op._components[i];
            switch (c.Kind)
            {
                case ComponentKind.Skip:
                    at += c.Length;
                    break;
                case ComponentKind.Insert:
                    at += c.Length;
                    position += c.Length;
                    break;
                default:
                    position -= Math.Min(c.Length, position - at);
                    break;
            }
        }
        return position;
    }

    public static Selection TransformSelection(Selection selection, TextOperation op) =>
        new(TransformPosition(selection.Anchor, op), TransformPosition(selection.Head, op));
}

/// <summary>A selection in code points; <see cref="Head"/> may come before <see cref="Anchor"/>. A cursor has both equal.</summary>
public readonly record struct Selection(int Anchor, int Head);
