using System.Diagnostics;
using System.Globalization;
using Platform.Analytics.Forecasting;

namespace Platform.Benchmarks.Analytics;

/// <summary>
/// The forecasts' cost and their honesty. <c>forecast</c>: "when will N tasks be done" over three years of weekly
/// history with 10,000 trials, timed. <c>backtest</c>: each project of a Jira export replayed at many cut-offs (see
/// <see cref="Backtest"/>), with the P50's mean error in days and how often P85 and P95 held.
/// </summary>
internal static class ForecastBench
{
    public static int RunForecast(int remaining, int runs)
    {
        var random = new Random(3);
        const int Weeks = 156;
        var history = ThroughputHistory.FromWeeks(
            [.. Enumerable.Range(0, Weeks).Select(_ => random.Next(0, 15))], [.. Enumerable.Range(0, Weeks).Select(_ => random.Next(0, 12))]);
        foreach (var growth in new[] { false, true })
        {
            var options = new ForecastOptions(Trials: 10_000, Seed: 1, ScopeGrowth: growth);
            for (var i = 0; i < 5; i++)
            {
                MonteCarloForecast.When(history, remaining, options);
            }
            var times = new List<double>();
            WhenForecast? last = null;
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                last = MonteCarloForecast.When(history, remaining, options with { Seed = i });
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            var sorted = times.Order().ToArray();
            Console.WriteLine($"when will {remaining} tasks be done, {Weeks} weeks of history, 10,000 trials{(growth ? ", scope growth" : "")}: " +
                $"p50 {Percentiles.Of(sorted, 50):F2} ms, p99 {Percentiles.Of(sorted, 99):F2} ms " +
                $"(P50 {last!.P50:F1} / P85 {last.P85:F1} / P95 {last.P95:F1} weeks)");
        }
        return 0;
    }

    public static int RunBacktest(string path, int historyWeeks)
    {
        // "id","project","task","created_date","finished_date","cycle_time_days": one finished task per line.
        var projects = File.ReadLines(path).Skip(1)
            .Select(line => line.Split(','))
            .GroupBy(fields => fields[1], fields => new FinishedTask(Date(fields[3]), Date(fields[4])));
        Console.WriteLine($"history: the {historyWeeks} weeks before each cut-off");
        Console.WriteLine("| project | tasks | cut-offs | open at a cut-off (median) | P50 mean abs. error | P85 held | P95 held |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var project in projects.OrderBy(p => p.Key))
        {
            var tasks = project.ToList();
            // The export ends with the last task created: after it, finished work is all there is.
            var end = tasks.Max(t => t.Created);
            var result = Backtest.Run(tasks, new BacktestSettings(end, HistoryWeeks: historyWeeks, StepWeeks: 2));
            var open = result.Cases.Select(c => (double)c.Open).Order().ToArray();
            Console.WriteLine($"| {project.Key} | {tasks.Count} | {result.Cases.Count} | {(open.Length > 0 ? Percentiles.Of(open, 50) : 0):F0} | " +
                $"{result.MeanAbsoluteErrorDays:F1} days | {result.P85HitRate:P0} | {result.P95HitRate:P0} |");
        }
        return 0;
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
