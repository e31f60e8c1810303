using Microsoft.Extensions.Time.Testing;
using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Tests;

public sealed class SubmissionPacingTests
{
    [Fact]
    public void Submissions_are_spaced_at_the_servers_rate_and_a_quiet_while_lets_the_next_go_at_once()
    {
        var clock = new FakeTimeProvider();
        var pacing = new SubmissionPacing(50, clock);

        Assert.Equal(TimeSpan.Zero, pacing.Reserve());
        Assert.Equal(20, pacing.Reserve().TotalMilliseconds, precision: 3);
        Assert.Equal(40, pacing.Reserve().TotalMilliseconds, precision: 3);
        clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(10, pacing.Reserve().TotalMilliseconds, precision: 3);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, pacing.Reserve());
    }

    [Fact]
    public void Without_a_limit_nothing_waits()
    {
        var pacing = new SubmissionPacing(0, new FakeTimeProvider());

        Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal(TimeSpan.Zero, pacing.Reserve()));
    }
}
