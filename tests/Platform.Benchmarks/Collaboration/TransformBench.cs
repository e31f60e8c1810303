using System.Diagnostics;
using Platform.Collaboration.Ot;

namespace Platform.Benchmarks.Collaboration;

/// <summary>
/// What the server does per submitted op: transform it past the ops committed since its base version, one by one.
/// Reports ops/s for histories of 1, 10 and 100 concurrent ops (typing-sized edits in a 10,000-character document).
/// </summary>
internal static class TransformBench
{
    public static int Run()
    {
        var random = new Random(20261126);
        const int documentLength = 10_000;
        foreach (var depth in new[] { 1, 10, 100 })
        {
            var history = Enumerable.Range(0, depth).Select(_ => TypingEdit(random, documentLength)).ToArray();
            var submitted = Enumerable.Range(0, 1000).Select(_ => TypingEdit(random, documentLength)).ToArray();
            var rebased = 0L;
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 2000)
            {
                foreach (var op in submitted)
                {
                    var current = op;
                    foreach (var committed in history)
                    {
                        current = TextOperation.Transform(current, committed, Side.Left);
                    }
                    rebased++;
                }
            }
            var perSecond = rebased / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"transform past {depth,3} concurrent ops: {perSecond,12:N0} submitted ops/s ({perSecond * depth,14:N0} transforms/s)");
        }
        return 0;
    }

    private static TextOperation TypingEdit(Random random, int length) => random.Next(4) == 0
        ? TextOperation.Delete(random.Next(length - 5), random.Next(1, 5))
        : TextOperation.Insert(random.Next(length), random.Next(3) == 0 ? "word " : "x");
}
