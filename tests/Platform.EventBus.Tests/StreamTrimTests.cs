using Platform.EventBus.Redis;
using StackExchange.Redis;

namespace Platform.EventBus.Tests;

public sealed class StreamTrimTests
{
    [Fact]
    public void A_group_whose_pending_entries_were_all_acknowledged_meanwhile_needs_entries_from_its_last_delivered_one()
    {
        // What XPENDING answers once nothing is pending: no count, no lowest id.
        StreamPendingInfo nothingPending = default;

        Assert.Equal("1733650000000-3", RedisStreamTransport.NeededFrom(nothingPending, "1733650000000-3"));
        Assert.Equal("0-0", RedisStreamTransport.NeededFrom(nothingPending, lastDelivered: null));
    }
}
