using System.Buffers;
using System.Text.Json;
using Platform.Web.Api;
using Platform.Web.Prerendering;

namespace Platform.Web.Tests;

public sealed class CompressedStateSerializerTests
{
    private static TaskView[] Cards(int count) =>
    [
        .. Enumerable.Range(1, count).Select(n => new TaskView(
            Guid.CreateVersion7(), $"WEB-{n}", "WEB", $"Task number {n}", null, "To Do", "todo", null, "none", ["api"], null, null, false, DateTimeOffset.UtcNow)),
    ];

    [Fact]
    public void A_board_handed_over_comes_back_as_it_was()
    {
        var serializer = new CompressedStateSerializer<TaskView[]>();
        var cards = Cards(3);
        var written = new ArrayBufferWriter<byte>();

        serializer.Persist(cards, written);
        var restored = serializer.Restore(new ReadOnlySequence<byte>(written.WrittenMemory));

        Assert.Equal(JsonSerializer.Serialize(cards), JsonSerializer.Serialize(restored));
    }

    [Fact]
    public void Five_hundred_cards_take_a_fraction_of_their_json()
    {
        var cards = Cards(500);
        var written = new ArrayBufferWriter<byte>();

        new CompressedStateSerializer<TaskView[]>().Persist(cards, written);

        Assert.True(written.WrittenCount * 4 < JsonSerializer.SerializeToUtf8Bytes(cards, JsonSerializerOptions.Web).Length,
            $"{written.WrittenCount} bytes compressed");
    }

    [Fact]
    public void A_state_too_large_to_hand_over_is_handed_over_as_nothing_and_read_again()
    {
        // Random text hardly compresses: well over PrerenderedState.MaxBytes once compressed.
        var noise = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(PrerenderedState.MaxBytes));
        var serializer = new CompressedStateSerializer<string>();
        var written = new ArrayBufferWriter<byte>();

        serializer.Persist(noise, written);

        Assert.Equal(0, written.WrittenCount);
        Assert.Null(serializer.Restore(ReadOnlySequence<byte>.Empty));
    }
}
