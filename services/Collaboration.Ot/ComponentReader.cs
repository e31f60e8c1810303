namespace Platform.Collaboration.Ot;

/// <summary>
/// Walks an operation's components, handing out pieces of a requested length (the "take" of ot-text-unicode).
/// Past the end an operation skips forever.
/// </summary>
internal struct ComponentReader(OpComponent[] components)
{
    private int _index;
    private int _offset;       // code points already taken from the current component
    private int _textOffset;   // the same, in UTF-16 units, for inserts

    public readonly bool AtEnd => _index == components.Length;

    public readonly OpComponent? Peek() => AtEnd ? null : components[_index];

    /// <summary>The rest of the current component; null at the end.</summary>
    public OpComponent? TakeWhole()
    {
        if (AtEnd)
        {
            return null;
        }
        var c = components[_index];
        var rest = c.Kind switch
        {
            ComponentKind.Insert => _offset == 0 ? c : OpComponent.Insert(c.Text![_textOffset..], c.Length - _offset),
            ComponentKind.Skip => OpComponent.Skip(c.Length - _offset),
            _ => OpComponent.Delete(c.Length - _offset),
        };
        Advance();
        return rest;
    }

    /// <summary>Up to <paramref name="count"/> code points of the current component; components of kind <paramref name="whole"/> are never split.</summary>
    public OpComponent Take(int count, ComponentKind whole)
    {
        if (AtEnd)
        {
            return OpComponent.Skip(count);
        }
        var c = components[_index];
        var remaining = c.Length - _offset;
        if (c.Kind == whole || remaining <= count)
        {
            return TakeWhole()!.Value;
        }
        if (c.IsInsert)
        {
            var units = CodePoints.Utf16Length(c.Text.AsSpan(_textOffset), count);
            var part = OpComponent.Insert(c.Text!.Substring(_textOffset, units), count);
            _textOffset += units;
            _offset += count;
            return part;
        }
        _offset += count;
        return c.IsSkip ? OpComponent.Skip(count) : OpComponent.Delete(count);
    }

    private void Advance()
    {
        _index++;
        _offset = 0;
        _textOffset = 0;
    }
}
