using System.Text.Json;
using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Tests;

public sealed class OperationJsonTests
{
    [Fact]
    public void Reads_and_writes_the_ot_text_unicode_encoding()
    {
        var op = TextOperationJsonConverter.Parse("""[3, "hi 😀", {"d": 2}]""");
        Assert.Equal(new OperationBuilder().Skip(3).Insert("hi 😀").Delete(2).Build(), op);
        Assert.Equal(5, op.BaseLength);
        Assert.Equal("""[3,"hi \uD83D\uDE00",{"d":2}]""", JsonSerializer.Serialize(op));
    }

    [Fact]
    public void Adjacent_inserts_and_deletes_are_merged()
    {
        Assert.Equal("""[1,"ab",{"d":5}]""", JsonSerializer.Serialize(TextOperationJsonConverter.Parse("""[1, "a", "b", {"d": 2}, {"d": 3}]""")));
    }

    [Theory]
    [InlineData("""{"d": 1}""", "must be a JSON array")]
    [InlineData("""[-1, "a"]""", "count must be a positive integer")]
    [InlineData("""[0, "a"]""", "count must be a positive integer")]
    [InlineData("""[1.5, "a"]""", "count must be a positive integer")]
    [InlineData("""[{"d": -2}]""", "count must be a positive integer")]
    [InlineData("""[{"d": 2.5}]""", "count must be a positive integer")]
    [InlineData("""[{"d": "ab"}]""", "count must be a number")]
    [InlineData("""[{"x": 1}]""", "exactly {\"d\": count}")]
    [InlineData("""[{}]""", "exactly {\"d\": count}")]
    [InlineData("""[""]""", "must not be empty")]
    [InlineData("""[true]""", "expected a skip count")]
    [InlineData("""[null]""", "expected a skip count")]
    [InlineData("""[1, 2, "a"]""", "adjacent skips")]
    [InlineData("""["a", 3]""", "ends with a skip")]
    [InlineData("""["\ud800"]""", "lone UTF-16 surrogate")]
    [InlineData("""["a\udc00b"]""", "lone UTF-16 surrogate")]
    [InlineData("""[1, "a" """, "not valid JSON")]
    public void Malformed_operations_are_refused_with_a_precise_reason(string json, string reason)
    {
        var error = Assert.Throws<InvalidTextOperationException>(() => TextOperationJsonConverter.Parse(json));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
