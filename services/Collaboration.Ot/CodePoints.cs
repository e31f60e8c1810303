namespace Platform.Collaboration.Ot;

/// <summary>Positions in this library count Unicode code points; .NET strings count UTF-16 units. These convert.</summary>
public static class CodePoints
{
    /// <summary>Code points in <paramref name="text"/>: every surrogate pair counts once.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var lowSurrogates = 0;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                lowSurrogates++;
            }
        }
        return text.Length - lowSurrogates;
    }

    /// <summary>UTF-16 units taken by the first <paramref name="codePoints"/> code points of <paramref name="text"/>.</summary>
    public static int Utf16Length(ReadOnlySpan<char> text, int codePoints)
    {
        var units = 0;
        for (var i = 0; i < codePoints; i++)
        {
            units += units + 1 < text.Length && char.IsHighSurrogate(text[units]) && char.IsLowSurrogate(text[units + 1]) ? 2 : 1;
        }
        return units;
    }

    /// <summary>True when every surrogate in <paramref name="text"/> is half of a well-formed pair.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }
                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The code points [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of <paramref name="text"/>.</summary>
    public static string Slice(string text, int start, int count)
    {
        var from = Utf16Length(text, start);
        var length = Utf16Length(text.AsSpan(from), count);
        return text.Substring(from, length);
    }
}
