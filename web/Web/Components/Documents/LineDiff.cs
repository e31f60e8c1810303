namespace Platform.Web.Components.Documents;

/// <summary>One line of a diff: kept, removed from the old text, or added in the new one.</summary>
public readonly record struct DiffLine(DiffKind Kind, string Text);

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>
/// The lines that changed between two versions of a document: the common start and end set aside, then the shortest
/// edit of the middle (Myers' algorithm, O((n+m)·d)), which is fast when versions differ in a few places. Past
/// <c>maxEdits</c> changed lines the middle is shown as all removed, then all added, rather than spending memory on it.
/// </summary>
public static class LineDiff
{
    public static List<DiffLine> Compare(string before, string after, int maxEdits = 2000)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }
        var lines = new List<DiffLine>(a.Length + b.Length - prefix - suffix);
        lines.AddRange(a[..prefix].Select(line => new DiffLine(DiffKind.Same, line)));
        lines.AddRange(Middle(a[prefix..^suffix], b[prefix..^suffix], maxEdits));
        lines.AddRange(a[^suffix..].Select(line => new DiffLine(DiffKind.Same, line)));
        return lines;
    }

    private static List<DiffLine> Middle(string[] a, string[] b, int maxEdits)
    {
        if (ShortestEdit(a, b, maxEdits) is not { } trace)
        {
            return [.. a.Select(line => new DiffLine(DiffKind.Removed, line)), .. b.Select(line => new DiffLine(DiffKind.Added, line))];
        }
        // Back from the end: each round's snapshot tells which diagonal the path came from.
        var lines = new List<DiffLine>();
        var (x, y) = (a.Length, b.Length);
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var snapshot = trace[d];
            var k = x - y;
            var previousK = k == -d || (k != d && snapshot[k - 1 + d + 1] < snapshot[k + 1 + d + 1]) ? k + 1 : k - 1;
            var previousX = snapshot[previousK + d + 1];
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                lines.Add(new DiffLine(DiffKind.Same, a[--x]));
                y--;
            }
            if (d > 0)
            {
                lines.Add(x == previousX ? new DiffLine(DiffKind.Added, b[--y]) : new DiffLine(DiffKind.Removed, a[--x]));
            }
        }
        lines.Reverse();
        return lines;
    }

    /// <summary>
    /// Myers' forward search. Before round d it keeps the furthest x on each diagonal k in [-d-1, d+1] (at index k+d+1),
    /// which is all the way back needs; null when more than <paramref name="maxEdits"/> edits are needed.
    /// </summary>
    private static List<int[]>? ShortestEdit(string[] a, string[] b, int maxEdits)
    {
        var max = a.Length + b.Length;
        var offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        for (var d = 0; d <= Math.Min(max, maxEdits); d++)
        {
            trace.Add(v[(offset - d - 1)..(offset + d + 2)]);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < a.Length && y < b.Length && a[x] == b[y])
                {
                    (x, y) = (x + 1, y + 1);
                }
                v[offset + k] = x;
                if (x >= a.Length && y >= b.Length)
                {
                    return trace;
                }
            }
        }
        return null;
    }
}
