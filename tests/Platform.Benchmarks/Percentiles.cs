namespace Platform.Benchmarks;

internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sortedMilliseconds, double percentile) =>
        sortedMilliseconds[Math.Clamp((int)Math.Ceiling(percentile / 100 * sortedMilliseconds.Count) - 1, 0, sortedMilliseconds.Count - 1)];
}
