using System.Text;
using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Tests;

/// <summary>Seeded random documents and operations over mixed text: ASCII, accents, CJK, newlines and astral emoji.</summary>
internal sealed class RandomEdits(int seed)
{
    private static readonly string[] Alphabet = ["a", "b", "c", " ", "\n", "é", "中", "😀", "𝄞", "👍🏽", "x"];

    public Random Random { get; } = new(seed);

    public string Text(int maxCodePoints)
    {
        var text = new StringBuilder();
        var length = Random.Next(maxCodePoints + 1);
        for (var i = 0; i < length; i++)
        {
            // "👍🏽" is two code points; the count here is loose on purpose.
            text.Append(Alphabet[Random.Next(Alphabet.Length)]);
        }
        return text.ToString();
    }

    /// <summary>A random operation valid on a document of <paramref name="length"/> code points.</summary>
    public TextOperation Op(int length)
    {
        var op = new OperationBuilder();
        var at = 0;
        var steps = Random.Next(1, 6);
        for (var i = 0; i < steps; i++)
        {
            switch (Random.Next(3))
            {
                case 0 when at < length:
                    var skip = Random.Next(1, length - at + 1);
                    op.Skip(skip);
                    at += skip;
                    break;
                case 1 when at < length:
                    var delete = Random.Next(1, Math.Min(length - at, 8) + 1);
                    op.Delete(delete);
                    at += delete;
                    break;
                default:
                    var insert = Text(6);
                    if (insert.Length > 0)
                    {
                        op.Insert(insert);
                    }
                    break;
            }
        }
        return op.Build();
    }
}
