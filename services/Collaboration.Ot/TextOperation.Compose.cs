namespace Platform.Collaboration.Ot;

public sealed partial class TextOperation
{
    /// <summary>One operation with the effect of <paramref name="first"/> followed by <paramref name="second"/>.</summary>
    public static TextOperation Compose(TextOperation first, TextOperation second)
    {
        var result = new OperationBuilder();
        var reader = new ComponentReader(first._components);
        foreach (var c in second._components)
        {
            switch (c.Kind)
            {
                case ComponentKind.Skip:
                    for (var length = c.Length; length > 0;)
                    {
                        var piece = reader.Take(length, ComponentKind.Delete);
                        result.Append(piece);
                        if (!piece.IsDelete)
                        {
                            length -= piece.Length;
                        }
                    }
                    break;
                case ComponentKind.Insert:
                    result.Append(c);
                    break;
                default:
                    for (var length = c.Length; length > 0;)
                    {
                        var piece = reader.Take(length, ComponentKind.Delete);
                        switch (piece.Kind)
                        {
                            case ComponentKind.Skip:
                                result.Delete(piece.Length);
                                length -= piece.Length;
                                break;
                            case ComponentKind.Insert:
                                // Inserted by the first, deleted by the second: neither remains.
                                length -= piece.Length;
                                break;
                            default:
                                result.Append(piece);
                                break;
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

    /// <summary>The operation that undoes <paramref name="op"/>, given the document <paramref name="op"/> was applied to.</summary>
    public static TextOperation Invert(TextOperation op, Rope before)
    {
        var result = new OperationBuilder();
        var at = 0;
        foreach (var c in op._components)
        {
            switch (c.Kind)
            {
                case ComponentKind.Skip:
                    result.Skip(c.Length);
                    at += c.Length;
                    break;
                case ComponentKind.Insert:
                    result.Delete(c.Length);
                    break;
                default:
                    result.Insert(before.Substring(at, c.Length));
                    at += c.Length;
                    break;
            }
        }
        return result.Build();
    }
}
