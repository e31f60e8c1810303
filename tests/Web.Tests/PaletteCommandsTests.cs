using Platform.Web.Api;
using Platform.Web.Components.Layout;

namespace Platform.Web.Tests;

public sealed class PaletteCommandsTests
{
    private static readonly ProjectView[] Projects =
    [
        new(Guid.NewGuid(), "WEB", "Web client", null, false, null, [], [], DateTimeOffset.UnixEpoch),
        new(Guid.NewGuid(), "API", "Public API", null, false, null, [], [], DateTimeOffset.UnixEpoch),
        new(Guid.NewGuid(), "OLD", "Archived one", null, true, null, [], [], DateTimeOffset.UnixEpoch),
    ];

    [Fact]
    public void Every_open_project_has_its_board_and_list_and_archived_ones_are_left_out()
    {
        var commands = PaletteCommands.For(Projects);

        Assert.Contains(commands, c => c.Href == "/projects/WEB" && c.Text == "Board of WEB Web client");
        Assert.Contains(commands, c => c.Href == "/projects/API/list");
        Assert.DoesNotContain(commands, c => c.Href.Contains("OLD", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("web board", "/projects/WEB")]
    [InlineData("LIST api", "/projects/API/list")]
    [InlineData("token", "/settings/tokens")]
    public void Every_word_typed_must_match_in_any_order(string typed, string expected) =>
        Assert.Equal([expected], PaletteCommands.Matching(PaletteCommands.For(Projects), typed).Select(c => c.Href));

    [Fact]
    public void Nothing_typed_keeps_every_command() =>
        Assert.Equal(PaletteCommands.For(Projects).Count, PaletteCommands.Matching(PaletteCommands.For(Projects), " ").Count());
}
