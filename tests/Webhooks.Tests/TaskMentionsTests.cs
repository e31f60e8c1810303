using Platform.Webhooks.Inbound;

namespace Platform.Webhooks.Tests;

public sealed class TaskMentionsTests
{
    [Fact]
    public void Keys_are_found_in_upper_case_text_and_in_branches_of_any_case()
    {
        Assert.Equal(["PLAT-12", "WEB-3"], TaskMentions.In("PLAT-12: fix login (see WEB-3, PLAT-12)"));
        Assert.Empty(TaskMentions.In("utf-8 and sha-256 are not keys; neither is PLAT-012 nor XPLAT-12a"));
        Assert.Equal(["PLAT-12"], TaskMentions.InBranch("feature/plat-12-fix-login"));
        Assert.Equal(["PLAT-12", "WEB-3"], TaskMentions.Union(TaskMentions.InBranch("plat-12"), TaskMentions.In("WEB-3 and PLAT-12")));
    }

    [Theory]
    [InlineData("Fixes PLAT-3", "PLAT-3")]
    [InlineData("closes: PLAT-3", "PLAT-3")]
    [InlineData("This resolved PLAT-3.", "PLAT-3")]
    [InlineData("FIX PLAT-3", "PLAT-3")]
    [InlineData("Relates to PLAT-3", null)]
    [InlineData("prefix PLAT-3", null)]
    [InlineData("unfixes PLAT-3", null)]
    public void Closing_keywords_close_the_key_after_them(string text, string? closed) =>
        Assert.Equal(closed is null ? [] : [closed], TaskMentions.ClosedBy(text));
}
