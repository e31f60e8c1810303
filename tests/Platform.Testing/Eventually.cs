namespace Platform.Testing;

/// <summary>Waiting for a condition that other processes make true (an event handled, a replica converged), with what was seen when it never came.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<Task<string>>? state = null, int seconds = 30)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold within {seconds} s" + (state is null ? "." : $": {await state()}"));
            }
            await Task.Delay(50);
        }
    }
}
