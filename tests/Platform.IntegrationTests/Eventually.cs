namespace Platform.IntegrationTests;

/// <summary>Waiting for a condition that other processes make true (convergence, restarts), with what was seen when it never came.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<Task<string>>? state = null, int seconds = 30)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting" + (state is null ? "." : $": {await state()}"));
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
