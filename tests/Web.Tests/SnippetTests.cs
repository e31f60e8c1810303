using Platform.Web.Components.Search;

namespace Platform.Web.Tests;

public sealed class SnippetTests
{
    [Fact]
    public void Marked_words_are_bold_runs_and_the_rest_plain()
    {
        Assert.Equal([("Set up ", false), ("replication", true), (" for ", false), ("Postgres", true)],
            Snippet.Runs("Set up **replication** for **Postgres**"));
    }

    [Fact]
    public void An_unclosed_marker_stays_plain_text()
    {
        Assert.Equal([("a ", false), ("b", true), (" c ", false), ("**d", false)], Snippet.Runs("a **b** c **d"));
    }

    [Fact]
    public void Markup_in_a_passage_is_text_the_page_encodes()
    {
        using var context = new Bunit.BunitContext();
        var card = context.Render<SnippetText>(parameters => parameters.Add(s => s.Text, "<script>x</script> **bold**"));

        Assert.Equal("&lt;script&gt;x&lt;/script&gt; <mark>bold</mark>", card.Markup.Trim());
    }
}
