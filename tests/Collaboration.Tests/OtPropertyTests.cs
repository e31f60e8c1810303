using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Tests;

/// <summary>The OT laws on thousands of seeded random cases over mixed unicode text.</summary>
public sealed class OtPropertyTests
{
    private const int Cases = 5000;

    [Fact]
    public void Concurrent_operations_converge_whichever_is_applied_first()
    {
        ForEachCase((edits, document) =>
        {
            var length = CodePoints.Count(document);
            var a = edits.Op(length);
            var b = edits.Op(length);
            var (aAfterB, bAfterA) = TextOperation.TransformPair(a, b);
            return (bAfterA.Apply(a.Apply(document)), aAfterB.Apply(b.Apply(document)));
        });
    }

    [Fact]
    public void Compose_matches_applying_one_after_the_other()
    {
        ForEachCase((edits, document) =>
        {
            var a = edits.Op(CodePoints.Count(document));
            var afterA = a.Apply(document);
            var b = edits.Op(CodePoints.Count(afterA));
            return (TextOperation.Compose(a, b).Apply(document), b.Apply(afterA));
        });
    }

    [Fact]
    public void Invert_undoes()
    {
        ForEachCase((edits, document) =>
        {
            var op = edits.Op(CodePoints.Count(document));
            var inverse = TextOperation.Invert(op, new Rope(document));
            return (inverse.Apply(op.Apply(document)), document);
        });
    }

    [Fact]
    public void The_rope_applies_exactly_like_a_string()
    {
        ForEachCase((edits, document) =>
        {
            var rope = new Rope(document);
            var text = document;
            for (var i = 0; i < 20; i++)
            {
                var op = edits.Op(rope.Length);
                rope.Apply(op);
                text = op.Apply(text);
            }
            return (rope.ToString(), text);
        });
    }

    [Fact]
    public void Transforming_over_a_history_op_by_op_converges_with_the_history_over_it()
    {
        ForEachCase((edits, document) =>
        {
            // The server's rule: a late op is transformed past each committed op in turn, never past their composition.
            var history = new List<TextOperation>();
            var current = document;
            for (var i = edits.Random.Next(1, 6); i > 0; i--)
            {
                var op = edits.Op(CodePoints.Count(current));
                history.Add(op);
                current = op.Apply(current);
            }
            var late = edits.Op(CodePoints.Count(document));
            var lateRebased = late;
            foreach (var committed in history)
            {
                lateRebased = TextOperation.Transform(lateRebased, committed, Side.Left);
            }
            var historyOverLate = history.Aggregate((TextOperation.Empty, late), (acc, committed) =>
            {
                var (composed, pending) = acc;
                var (_, committedRebased) = TextOperation.TransformPair(pending, committed);
                return (TextOperation.Compose(composed, committedRebased), TextOperation.Transform(pending, committed, Side.Left));
            }).Item1;
            return (lateRebased.Apply(current), historyOverLate.Apply(late.Apply(document)));
        });
    }

    [Fact]
    public void A_cursor_stays_after_the_same_character()
    {
        ForEachCase((edits, document) =>
        {
            var length = CodePoints.Count(document);
            var position = edits.Random.Next(1, length + 2) - 1;
            var op = edits.Op(length);
            if (position == 0 || op.DeletedLength > 0)
            {
                return ("", "");
            }
            // Without deletes, the character just before the cursor is still just before it; an insert at the cursor goes after it.
            var moved = TextOperation.TransformPosition(position, op);
            return (CodePoints.Slice(op.Apply(document), moved - 1, 1), CodePoints.Slice(document, position - 1, 1));
        });
    }

    private static void ForEachCase(Func<RandomEdits, string, (string Actual, string Expected)> check)
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var edits = new RandomEdits(seed);
            var document = edits.Text(40);
            var (actual, expected) = check(edits, document);
            if (actual != expected)
            {
                Assert.Fail($"Seed {seed}, document \"{document}\": got \"{actual}\", expected \"{expected}\".");
            }
        }
    }
}
