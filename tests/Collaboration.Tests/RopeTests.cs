using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Tests;

public sealed class RopeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Large_random_edits_match_a_plain_string(int seed)
    {
        // Long enough to split leaves and branches, with deletes across many leaves that merge them again.
        var edits = new RandomEdits(seed);
        var rope = new Rope();
        var text = "";
        for (var step = 0; step < 3000; step++)
        {
            var length = rope.Length;
            var position = edits.Random.Next(length + 1);
            if (edits.Random.Next(3) > 0 || length == 0)
            {
                var insert = edits.Text(edits.Random.Next(10) == 0 ? 900 : 20);
                rope.Insert(position, insert);
                text = TextOperation.Insert(position, insert).Apply(text);
            }
            else
            {
                var count = Math.Min(length - position, edits.Random.Next(edits.Random.Next(10) == 0 ? 2000 : 10));
                rope.Delete(position, count);
                text = TextOperation.Delete(position, count).Apply(text);
            }
            Assert.Equal(CodePoints.Count(text), rope.Length);
            Assert.Equal(text.Length, rope.Utf16Length);
        }
        Assert.Equal(text, rope.ToString());
        Assert.Equal(CodePoints.Slice(text, 100, 700), rope.Substring(100, 700));
    }

    [Fact]
    public void A_surrogate_pair_is_never_split_between_leaves()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 2000));
        var rope = new Rope("a" + emoji);
        rope.Insert(1001, "x");
        rope.Delete(1, 500);
        var expected = "a" + string.Concat(Enumerable.Repeat("😀", 500)) + "x" + string.Concat(Enumerable.Repeat("😀", 1000));
        Assert.Equal(expected, rope.ToString());
        Assert.Equal(1502, rope.Length);
    }

    [Fact]
    public void Edits_outside_the_document_are_refused_and_change_nothing()
    {
        var rope = new Rope("héllo 😀");
        Assert.Throws<ArgumentOutOfRangeException>(() => rope.Insert(8, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => rope.Delete(5, 3));
        var tooLong = TextOperation.Delete(6, 2);
        var error = Assert.Throws<InvalidTextOperationException>(() => rope.Apply(tooLong));
        Assert.Contains("past the end of the document (7 code points)", error.Message, StringComparison.Ordinal);
        Assert.Equal("héllo 😀", rope.ToString());
    }

    [Fact]
    public void Deleting_everything_leaves_an_empty_document_that_still_edits()
    {
        var rope = new Rope(new string('x', 100_000));
        rope.Delete(0, 100_000);
        Assert.Equal(0, rope.Length);
        rope.Insert(0, "again");
        Assert.Equal("again", rope.ToString());
    }
}
