using Platform.Scheduling;
using System.Diagnostics;
using Platform.Projects.Data;

namespace Platform.Benchmarks;

/// <summary>
/// The critical path method over a random project network: each link goes from a lower to a higher
/// activity index (so the network has no cycle), with all four dependency kinds and lags from -2 to
/// +3 days. Reports the time of one full computation (both passes, floats, the critical chain).
/// </summary>
internal static class CriticalPathBench
{
    public static int Run(int activities, int links)
    {
        var random = new Random(20261126);
        var durations = Enumerable.Range(0, activities).Select(_ => (double)random.Next(1, 11)).ToArray();
        var network = new Link[links];
        for (var i = 0; i < links; i++)
        {
            var predecessor = random.Next(activities - 1);
            var successor = random.Next(predecessor + 1, Math.Min(activities, predecessor + 200));
            network[i] = new Link(predecessor, successor, (DependencyType)random.Next(4), random.Next(-2, 4));
        }

        for (var warmUp = 0; warmUp < 5; warmUp++)
        {
            CriticalPath.Compute(durations, network);
        }

        var times = new List<double>();
        Schedule? schedule = null;
        for (var run = 0; run < 30; run++)
        {
            var clock = Stopwatch.StartNew();
            (schedule, _) = CriticalPath.Compute(durations, network);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"critical path: {activities} activities, {links} links, project {schedule!.Duration} working days, " +
            $"{schedule.CriticalActivities.Length} critical activities");
        Console.WriteLine($"over 30 runs: p50 {Percentiles.Of(times, 50):F1} ms, p99 {Percentiles.Of(times, 99):F1} ms, min {times[0]:F1} ms");
        return 0;
    }
}
