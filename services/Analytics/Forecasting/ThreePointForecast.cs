namespace Platform.Analytics.Forecasting;

/// <summary>A task's three-point estimate in working days: optimistic, most likely, pessimistic.</summary>
public sealed record ThreePointEstimate(double Optimistic, double MostLikely, double Pessimistic)
{
    /// <summary>PERT's expected duration: the most likely weighs four times each extreme.</summary>
    public double Mean => (Optimistic + 4 * MostLikely + Pessimistic) / 6;

    /// <summary>PERT's variance: a sixth of the range, squared.</summary>
    public double Variance => Math.Pow((Pessimistic - Optimistic) / 6, 2);
}

/// <summary>Working days until the chain of tasks is done, at 50, 85 and 95 % confidence.</summary>
public sealed record DurationForecast(double P50, double P85, double P95);

/// <summary>
/// The fallback when history is too short to sample (<see cref="ThroughputHistory.IsEnough"/>): the tasks along the
/// critical path, each with its three-point estimate, summed as PERT does. Their sum is close to normal once a chain has
/// a few tasks (central limit), so the percentiles are the mean plus z standard deviations. It is labelled as an
/// estimate from the team's own guesses, not from its record.
/// </summary>
public static class ThreePointForecast
{
    // Standard normal quantiles.
    private const double Z85 = 1.0364333894937898;
    private const double Z95 = 1.6448536269514729;

    public static DurationForecast Along(IEnumerable<ThreePointEstimate> criticalPath)
    {
        var (mean, variance) = (0.0, 0.0);
        foreach (var estimate in criticalPath)
        {
            (mean, variance) = (mean + estimate.Mean, variance + estimate.Variance);
        }
        var deviation = Math.Sqrt(variance);
        return new DurationForecast(mean, mean + Z85 * deviation, mean + Z95 * deviation);
    }
}
