using Platform.Web.Components.Documents;

namespace Platform.Web.Tests;

public sealed class LineDiffTests
{
    [Fact]
    public void A_changed_line_in_the_middle_is_one_removal_and_one_addition()
    {
        var diff = LineDiff.Compare("# Plan\nGoals\nRisks\nEnd", "# Plan\nGoals, revised\nRisks\nEnd");

        Assert.Equal(
            [new(DiffKind.Same, "# Plan"), new(DiffKind.Removed, "Goals"), new(DiffKind.Added, "Goals, revised"), new(DiffKind.Same, "Risks"), new(DiffKind.Same, "End")],
            diff);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_versions_rebuild_from_the_diff_with_no_more_changes_than_needed(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 300; round++)
        {
            var before = RandomLines(random);
            var after = RandomLines(random);
            var diff = LineDiff.Compare(before, after);

            Assert.Equal(before, string.Join('\n', diff.Where(l => l.Kind != DiffKind.Added).Select(l => l.Text)));
            Assert.Equal(after, string.Join('\n', diff.Where(l => l.Kind != DiffKind.Removed).Select(l => l.Text)));
            var kept = diff.Count(l => l.Kind == DiffKind.Same);
            Assert.Equal(LongestCommonSubsequence(before.Split('\n'), after.Split('\n')), kept);
        }
    }

    [Fact]
    public void Versions_that_differ_everywhere_past_the_limit_are_shown_as_replaced()
    {
        var before = string.Join('\n', Enumerable.Range(0, 50).Select(i => $"old {i}"));
        var after = string.Join('\n', Enumerable.Range(0, 50).Select(i => $"new {i}"));

        var diff = LineDiff.Compare(before, after, maxEdits: 10);

        Assert.Equal(50, diff.Count(l => l.Kind == DiffKind.Removed));
        Assert.Equal(50, diff.Count(l => l.Kind == DiffKind.Added));
    }

    private static string RandomLines(Random random) =>
        string.Join('\n', Enumerable.Range(0, random.Next(12)).Select(_ => "abcd"[random.Next(4)].ToString()));

    private static int LongestCommonSubsequence(string[] a, string[] b)
    {
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                lengths[i, j] = a[i - 1] == b[j - 1] ? lengths[i - 1, j - 1] + 1 : Math.Max(lengths[i - 1, j], lengths[i, j - 1]);
            }
        }
        return lengths[a.Length, b.Length];
    }
}
