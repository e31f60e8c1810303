using Platform.Ai.Search;

namespace Platform.Ai.Tests;

public sealed class TextChunkerTests
{
    [Fact]
    public void Short_text_is_one_passage_and_empty_text_none()
    {
        Assert.Equal(["A short note."], TextChunker.Split("  A short note.  "));
        Assert.Empty(TextChunker.Split(""));
    }

    [Fact]
    public void Long_text_is_cut_at_paragraphs_into_bounded_overlapping_passages_that_cover_every_word()
    {
        var random = new Random(3);
        var words = Enumerable.Range(0, 3000).Select(i => $"w{i}").ToArray();
        var text = string.Join(" ", words.Select((w, i) => random.Next(40) == 0 ? w + ".\n\n" : w));

        var passages = TextChunker.Split(text);

        Assert.True(passages.Count > 10);
        Assert.All(passages, p => Assert.InRange(p.Length, 1, TextChunker.MaxChars));
        var covered = passages.SelectMany(p => p.Split([' ', '\n', '.'], StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        Assert.All(words, w => Assert.Contains(w, covered));
        // Neighbours share their boundary words, and most passages end where a paragraph ends.
        Assert.All(passages.Zip(passages.Skip(1)), pair => Assert.Contains(pair.First.Split(' ')[^1].TrimEnd('.'), pair.Second, StringComparison.Ordinal));
        Assert.True(passages.Count(p => p.EndsWith('.')) > passages.Count / 2);
    }

    [Fact]
    public void A_word_longer_than_a_passage_is_cut_without_splitting_a_surrogate_pair()
    {
        var text = "a" + string.Concat(Enumerable.Repeat("😀", TextChunker.MaxChars));

        var passages = TextChunker.Split(text);

        Assert.Equal(text.Length, passages.Sum(p => p.Length));
        Assert.All(passages, p => Assert.False(char.IsHighSurrogate(p[^1]) || char.IsLowSurrogate(p[0])));
    }
}
