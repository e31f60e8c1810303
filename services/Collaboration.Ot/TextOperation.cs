using System.Text;
using System.Text.Json.Serialization;

namespace Platform.Collaboration.Ot;

/// <summary>
/// A normalized text operation in the ot-text-unicode model: it walks the document from the start, skipping,
/// inserting and deleting code points, and leaves the rest unchanged (no trailing skip).
/// </summary>
[JsonConverter(typeof(TextOperationJsonConverter))]
public sealed partial class TextOperation : IEquatable<TextOperation>
{
    private readonly OpComponent[] _components;

    internal TextOperation(OpComponent[] components)
    {
        _components = components;
        foreach (var c in components)
        {
            if (!c.IsInsert)
            {
                BaseLength += c.Length;
            }
            if (c.IsInsert)
            {
                InsertedLength += c.Length;
            }
            else if (c.IsDelete)
            {
                DeletedLength += c.Length;
            }
        }
    }

    public static TextOperation Empty { get; } = new([]);

    public IReadOnlyList<OpComponent> Components => _components;

    /// <summary>Code points the operation reads (skips and deletes): the document must be at least this long.</summary>
    public int BaseLength { get; }

    public int InsertedLength { get; }

    public int DeletedLength { get; }

    public bool IsNoop => _components.Length == 0;

    public static OperationBuilder Build() => new();

    public static TextOperation Insert(int position, string text) => new OperationBuilder().Skip(position).Insert(text).Build();

    public static TextOperation Delete(int position, int count) => new OperationBuilder().Skip(position).Delete(count).Build();

    /// <summary>Checks the operation against a document of <paramref name="documentLength"/> code points.</summary>
    public void EnsureFits(int documentLength)
    {
        if (BaseLength > documentLength)
        {
            throw new InvalidTextOperationException(
                $"The operation reaches code point {BaseLength}, past the end of the document ({documentLength} code points).");
        }
    }

    /// <summary>Applies the operation to a string (the reference semantics; documents use <see cref="Rope"/>).</summary>
    public string Apply(string document)
    {
        EnsureFits(CodePoints.Count(document));
        var result = new StringBuilder(document.Length + InsertedLength);
        var at = 0;
        foreach (var c in _components)
        {
            switch (c.Kind)
            {
                case ComponentKind.Skip:
                    var units = CodePoints.Utf16Length(document.AsSpan(at), c.Length);
                    result.Append(document, at, units);
                    at += units;
                    break;
                case ComponentKind.Insert:
                    result.Append(c.Text);
                    break;
                default:
                    at += CodePoints.Utf16Length(document.AsSpan(at), c.Length);
                    break;
            }
        }
        return result.Append(document, at, document.Length - at).ToString();
    }

    public bool Equals(TextOperation? other) => other is not null && _components.AsSpan().SequenceEqual(other._components);

    public override bool Equals(object? obj) => Equals(obj as TextOperation);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var c in _components)
        {
            hash.Add(c);
        }
        return hash.ToHashCode();
    }

    /// <summary>The operation's JSON, as ot-text-unicode writes it.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this);

    public override string ToString() => ToJson();
}
