using System.Text;

namespace Platform.Collaboration.Ot;

/// <summary>
/// A document's text as a B+ tree of small character chunks, indexed by code point: an edit walks one root-to-leaf
/// path and moves at most one chunk's characters, so its cost grows with the logarithm of the length, not the length.
/// Chunks never split a surrogate pair.
/// </summary>
public sealed class Rope
{
    internal const int MaxLeafUnits = 512;
    private const int MaxPieceUnits = MaxLeafUnits / 2 - 1;
    internal const int MaxChildren = 16;

    private Node _root = new Leaf();

    public Rope()
    {
    }

    public Rope(string text) => Insert(0, text);

    /// <summary>Length in code points.</summary>
    public int Length => _root.CodePoints;

    /// <summary>Length in UTF-16 units (the length of <see cref="ToString"/>).</summary>
    public int Utf16Length => _root.Units;

    public void Insert(int position, ReadOnlySpan<char> text)
    {
        if ((uint)position > (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, $"The document has {Length} code points.");
        }
        // Pieces of less than half a leaf always fit into one half of a split leaf.
        while (!text.IsEmpty)
        {
            var units = Math.Min(text.Length, MaxPieceUnits);
            if (units < text.Length && char.IsLowSurrogate(text[units]))
            {
                units--;
            }
            var piece = text[..units];
            var codePoints = CodePoints.Count(piece);
            if (InsertInto(_root, position, piece, codePoints) is { } sibling)
            {
                _root = Branch.Of(_root, sibling);
            }
            position += codePoints;
            text = text[units..];
        }
    }

    public void Delete(int position, int count)
    {
        if (position < 0 || count < 0 || position > Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Deleting {count} code points at {position} passes the end of the document ({Length} code points).");
        }
        if (count == 0)
        {
            return;
        }
        DeleteFrom(_root, position, count);
        while (_root is Branch { Count: <= 1 } branch)
        {
            _root = branch.Count == 0 ? new Leaf() : branch.Children[0];
        }
    }

    /// <summary>Applies <paramref name="op"/> in place.</summary>
    public void Apply(TextOperation op)
    {
        op.EnsureFits(Length);
        var at = 0;
        foreach (var c in op.Components)
        {
            switch (c.Kind)
            {
                case ComponentKind.Skip:
                    at += c.Length;
                    break;
                case ComponentKind.Insert:
                    Insert(at, c.Text);
                    at += c.Length;
                    break;
                default:
                    Delete(at, c.Length);
                    break;
            }
        }
    }

    /// <summary>The code points [<paramref name="position"/>, <paramref name="position"/> + <paramref name="count"/>).</summary>
    public string Substring(int position, int count)
    {
        if (position < 0 || count < 0 || position > Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"[{position}, {position + count}) is outside the document ({Length} code points).");
        }
        var text = new StringBuilder();
        AppendRange(_root, position, count, text);
        return text.ToString();
    }

    public override string ToString()
    {
        var text = new StringBuilder(Utf16Length);
        AppendRange(_root, 0, Length, text);
        return text.ToString();
    }

    private static Node? InsertInto(Node node, int position, ReadOnlySpan<char> text, int codePoints)
    {
        if (node is Leaf leaf)
        {
            return leaf.Insert(position, text, codePoints);
        }
        var branch = (Branch)node;
        var i = 0;
        while (i < branch.Count - 1 && position > branch.Children[i].CodePoints)
        {
            position -= branch.Children[i].CodePoints;
            i++;
        }
        branch.CodePoints += codePoints;
        branch.Units += text.Length;
        return InsertInto(branch.Children[i], position, text, codePoints) is { } sibling ? branch.InsertChild(i + 1, sibling) : null;
    }

    /// <summary>Deletes inside <paramref name="node"/> and returns the UTF-16 units removed.</summary>
    private static int DeleteFrom(Node node, int position, int count)
    {
        if (node is Leaf leaf)
        {
            return leaf.Delete(position, count);
        }
        var branch = (Branch)node;
        var removedUnits = 0;
        var deleted = count;
        var i = 0;
        while (branch.Children[i].CodePoints <= position)
        {
            position -= branch.Children[i].CodePoints;
            i++;
        }
        var first = i;
        // The range starts inside child i and runs on through whole children into, at most, a last partial one.
        while (count > 0)
        {
            var child = branch.Children[i];
            var take = Math.Min(count, child.CodePoints - position);
            if (position == 0 && take == child.CodePoints)
            {
                removedUnits += child.Units;
                branch.RemoveChild(i);
            }
            else
            {
                removedUnits += DeleteFrom(child, position, take);
                i++;
            }
            position = 0;
            count -= take;
        }
        branch.CodePoints -= deleted;
        branch.Units -= removedUnits;
        // Only the first and last touched children can have become small.
        branch.MergeIfSmall(Math.Min(first + 1, branch.Count - 1));
        branch.MergeIfSmall(Math.Min(first, branch.Count - 1));
        return removedUnits;
    }

    private static void AppendRange(Node node, int position, int count, StringBuilder text)
    {
        if (node is Leaf leaf)
        {
            var from = leaf.OffsetOf(position);
            var to = from + leaf.OffsetFrom(from, count);
            text.Append(leaf.Chars, from, to - from);
            return;
        }
        var branch = (Branch)node;
        for (var i = 0; i < branch.Count && count > 0; i++)
        {
            var child = branch.Children[i];
            if (position >= child.CodePoints)
            {
                position -= child.CodePoints;
                continue;
            }
            var take = Math.Min(count, child.CodePoints - position);
            AppendRange(child, position, take, text);
            position = 0;
            count -= take;
        }
    }

    internal abstract class Node
    {
        public int CodePoints;
        public int Units;
    }

    internal sealed class Leaf : Node
    {
        public char[] Chars = new char[MaxLeafUnits];

        private bool IsAllBmp => CodePoints == Units;

        public int OffsetOf(int codePoint) => IsAllBmp ? codePoint : Ot.CodePoints.Utf16Length(Chars.AsSpan(0, Units), codePoint);

        public int OffsetFrom(int unitStart, int codePoints) =>
            IsAllBmp ? codePoints : Ot.CodePoints.Utf16Length(Chars.AsSpan(unitStart, Units - unitStart), codePoints);

        /// <summary>Inserts, splitting this leaf in two when the text does not fit; returns the new right half.</summary>
        public Leaf? Insert(int position, ReadOnlySpan<char> text, int codePoints)
        {
            var at = OffsetOf(position);
            if (Units + text.Length <= MaxLeafUnits)
            {
                InsertAt(at, text, codePoints);
                return null;
            }
            var right = SplitOff();
            if (at <= Units)
            {
                InsertAt(at, text, codePoints);
            }
            else
            {
                right.InsertAt(at - Units, text, codePoints);
            }
            return right;
        }

        public int Delete(int position, int count)
        {
            var from = OffsetOf(position);
            var units = OffsetFrom(from, count);
            Array.Copy(Chars, from + units, Chars, from, Units - from - units);
            Units -= units;
            CodePoints -= count;
            return units;
        }

        public void Append(Leaf other)
        {
            Array.Copy(other.Chars, 0, Chars, Units, other.Units);
            Units += other.Units;
            CodePoints += other.CodePoints;
        }

        private void InsertAt(int at, ReadOnlySpan<char> text, int codePoints)
        {
            Array.Copy(Chars, at, Chars, at + text.Length, Units - at);
            text.CopyTo(Chars.AsSpan(at));
            Units += text.Length;
            CodePoints += codePoints;
        }

        private Leaf SplitOff()
        {
            var middle = Units / 2;
            if (char.IsLowSurrogate(Chars[middle]))
            {
                middle++;
            }
            var right = new Leaf();
            var moved = Chars.AsSpan(middle, Units - middle);
            moved.CopyTo(right.Chars);
            right.Units = moved.Length;
            right.CodePoints = Ot.CodePoints.Count(moved);
            Units = middle;
            CodePoints -= right.CodePoints;
            return right;
        }
    }

    internal sealed class Branch : Node
    {
        public readonly Node[] Children = new Node[MaxChildren + 1];
        public int Count;

        public static Branch Of(Node left, Node right)
        {
            var branch = new Branch();
            branch.Add(left);
            branch.Add(right);
            return branch;
        }

        /// <summary>Inserts a child; when that overfills the branch, splits it and returns the new right half.</summary>
        public Branch? InsertChild(int index, Node child)
        {
            Array.Copy(Children, index, Children, index + 1, Count - index);
            Children[index] = child;
            Count++;
            if (Count <= MaxChildren)
            {
                return null;
            }
            var right = new Branch();
            var half = Count / 2;
            for (var i = half; i < Count; i++)
            {
                right.Add(Children[i]);
                CodePoints -= Children[i].CodePoints;
                Units -= Children[i].Units;
                Children[i] = null!;
            }
            Count = half;
            return right;
        }

        public void RemoveChild(int index)
        {
            Array.Copy(Children, index + 1, Children, index, Count - index - 1);
            Children[--Count] = null!;
        }

        /// <summary>Removes child <paramref name="index"/> when empty, or merges it into a neighbour when both fit in half a node.</summary>
        public void MergeIfSmall(int index)
        {
            if (index < 0)
            {
                return;
            }
            if (Children[index].CodePoints == 0)
            {
                RemoveChild(index);
            }
            else if (index > 0 && TryMerge(Children[index - 1], Children[index]))
            {
                RemoveChild(index);
            }
            else if (index + 1 < Count && TryMerge(Children[index], Children[index + 1]))
            {
                RemoveChild(index + 1);
            }
        }

        private static bool TryMerge(Node left, Node right)
        {
            switch (left, right)
            {
                case (Leaf l, Leaf r) when l.Units + r.Units <= MaxLeafUnits / 2:
                    l.Append(r);
                    return true;
                case (Branch l, Branch r) when l.Count + r.Count <= MaxChildren / 2:
                    for (var i = 0; i < r.Count; i++)
                    {
                        l.Add(r.Children[i]);
                    }
                    return true;
                default:
                    return false;
            }
        }

        private void Add(Node child)
        {
            Children[Count++] = child;
            CodePoints += child.CodePoints;
            Units += child.Units;
        }
    }
}
