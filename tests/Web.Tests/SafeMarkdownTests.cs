using Platform.Web.Client.Markdown;

namespace Platform.Web.Tests;

public sealed class SafeMarkdownTests
{
    [Fact]
    public void Markdown_becomes_html()
    {
        var html = SafeMarkdown.ToHtml("# Design\n\nUse **queues** and [the guide](https://example.test/guide).\n\n- [x] done");

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<strong>queues</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.test/guide\"", html, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Text <b onclick=\"alert(1)\">bold</b>")]
    public void Raw_html_is_shown_as_text(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b ", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](<java\tscript:alert(1)>)")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[click](//evil.test/phish)")]
    public void A_link_may_not_run_script_or_leave_for_another_scheme(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        // The link stays (its text is shown) but leads nowhere.
        Assert.DoesNotMatch(@"(href|src)=""(?!#"")", html);
    }

    [Theory]
    [InlineData("[task](/tasks/WEB-1)", "href=\"/tasks/WEB-1\"")]
    [InlineData("[mail](mailto:team@example.test)", "href=\"mailto:team@example.test\"")]
    public void Paths_of_this_site_and_mail_links_stay(string markdown, string expected) =>
        Assert.Contains(expected, SafeMarkdown.ToHtml(markdown), StringComparison.Ordinal);
}
