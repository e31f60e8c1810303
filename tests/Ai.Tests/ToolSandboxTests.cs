using Platform.Ai.Tools;

namespace Platform.Ai.Tests;

public sealed class ToolSandboxTests
{
    [Fact]
    public async Task A_call_past_its_time_limit_is_stopped_and_said_to_be()
    {
        var stopped = await Assert.ThrowsAsync<ToolLimitException>(() => ToolSandbox.WithinAsync(TimeSpan.FromMilliseconds(50),
            async token =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
                return 0;
            }, TestContext.Current.CancellationToken));

        Assert.Equal("timed-out", stopped.Outcome);
        Assert.Contains("was stopped", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_within_its_limit_answers_and_a_caller_that_goes_away_is_no_time_out()
    {
        Assert.Equal(42, await ToolSandbox.WithinAsync(TimeSpan.FromMinutes(1), _ => Task.FromResult(42), TestContext.Current.CancellationToken));

        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ToolSandbox.WithinAsync(TimeSpan.FromMinutes(1),
            async token =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
                return 0;
            }, gone.Token));
    }
}
