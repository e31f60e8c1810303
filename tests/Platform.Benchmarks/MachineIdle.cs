namespace Platform.Benchmarks;

/// <summary>Waits for the machine's cores to be mostly idle (Linux: the CPU counters in /proc/stat).</summary>
internal static class MachineIdle
{
    private const double Settled = 0.8;

    /// <summary>Until a second passes with the cores at least 80% idle, or <paramref name="atMost"/>; the last second's idle share.</summary>
    public static async Task<double> WaitAsync(TimeSpan atMost)
    {
        var deadline = DateTime.UtcNow + atMost;
        double idle;
        do
        {
            var before = Read();
            await Task.Delay(TimeSpan.FromSeconds(1));
            var after = Read();
            idle = (after.Idle - before.Idle) / (double)Math.Max(1, after.Total - before.Total);
        }
        while (idle < Settled && DateTime.UtcNow < deadline);
        return idle;
    }

    private static (long Idle, long Total) Read()
    {
        // "cpu  user nice system idle iowait irq softirq steal ...": idle and iowait are the idle time.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        return (fields[3] + fields[4], fields.Sum());
    }
}
