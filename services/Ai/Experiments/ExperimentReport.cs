namespace Platform.Ai.Experiments;

/// <summary>What one arm's answers measured.</summary>
/// <param name="HelpfulRate">Of the rated answers, the share rated helpful, with its 95 % Wilson interval.</param>
public sealed record ArmFigures(
    string Arm, string Model, int Answers, int Errors, double ErrorRate, double MeanLatencyMs, double P95LatencyMs,
    double MeanInputTokens, double MeanOutputTokens, decimal Cost, int Rated, int Helpful, Interval? HelpfulRate);

/// <summary>An estimate and its 95 % confidence interval.</summary>
public sealed record Interval(double Estimate, double Low, double High);

/// <summary>The two arms side by side, and the variant's differences to the control with their 95 % intervals.</summary>
/// <param name="HelpfulRateDifference">Variant minus control (normal approximation); null until both arms have ratings.</param>
/// <param name="LatencyDifferenceMs">Variant minus control, mean of the answered ones (Welch's interval); null until both have two.</param>
public sealed record ComparisonFigures(ArmFigures Control, ArmFigures Variant, Interval? HelpfulRateDifference, Interval? LatencyDifferenceMs);

/// <summary>One answer as the report reads it.</summary>
public sealed record ArmAnswer(string Arm, string Model, double LatencyMs, long? InputTokens, long? OutputTokens, decimal? Cost, bool Failed, short? Rating);

/// <summary>The statistics of an experiment's report: per arm figures and the differences, with 95 % intervals.</summary>
public static class ExperimentReport
{
    public const string Control = "control";
    public const string Variant = "variant";

    private const double Z = 1.959964;

    public static ComparisonFigures Compare(IReadOnlyCollection<ArmAnswer> answers)
    {
        var control = Figures(Control, answers.Where(a => a.Arm == Control).ToList());
        var variant = Figures(Variant, answers.Where(a => a.Arm == Variant).ToList());
        Interval? helpful = null;
        if (control.Rated > 0 && variant.Rated > 0)
        {
            double p1 = (double)control.Helpful / control.Rated, p2 = (double)variant.Helpful / variant.Rated;
            var error = Math.Sqrt(p1 * (1 - p1) / control.Rated + p2 * (1 - p2) / variant.Rated);
            helpful = new Interval(p2 - p1, p2 - p1 - Z * error, p2 - p1 + Z * error);
        }
        return new ComparisonFigures(control, variant, helpful, LatencyDifference(
            [.. answers.Where(a => a.Arm == Control && !a.Failed).Select(a => a.LatencyMs)],
            [.. answers.Where(a => a.Arm == Variant && !a.Failed).Select(a => a.LatencyMs)]));
    }

    /// <summary>The Wilson score interval of <paramref name="successes"/> in <paramref name="trials"/>: sound near 0 and 1 and for few trials.</summary>
    public static Interval Wilson(int successes, int trials)
    {
        double n = trials, p = successes / n, z2 = Z * Z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new Interval(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private static ArmFigures Figures(string arm, List<ArmAnswer> answers)
    {
        var answered = answers.Where(a => !a.Failed).ToList();
        var latencies = answered.Select(a => a.LatencyMs).Order().ToList();
        var rated = answers.Count(a => a.Rating is not null);
        var helpful = answers.Count(a => a.Rating > 0);
        return new ArmFigures(arm, answers.Select(a => a.Model).Distinct().FirstOrDefault() ?? "",
            answers.Count, answers.Count - answered.Count, answers.Count == 0 ? 0 : (double)(answers.Count - answered.Count) / answers.Count,
            latencies.Count == 0 ? 0 : latencies.Average(), latencies.Count == 0 ? 0 : latencies[Math.Clamp((int)Math.Ceiling(0.95 * latencies.Count) - 1, 0, latencies.Count - 1)],
            answered.Count == 0 ? 0 : answered.Average(a => a.InputTokens ?? 0), answered.Count == 0 ? 0 : answered.Average(a => a.OutputTokens ?? 0),
            answers.Sum(a => a.Cost ?? 0), rated, helpful, rated == 0 ? null : Wilson(helpful, rated));
    }

    /// <summary>Welch's interval for the difference of two means (unequal variances), with the normal quantile.</summary>
    private static Interval? LatencyDifference(List<double> control, List<double> variant)
    {
        if (control.Count < 2 || variant.Count < 2)
        {
            return null;
        }
        double m1 = control.Average(), m2 = variant.Average();
        var v1 = control.Sum(x => (x - m1) * (x - m1)) / (control.Count - 1);
        var v2 = variant.Sum(x => (x - m2) * (x - m2)) / (variant.Count - 1);
        var error = Math.Sqrt(v1 / control.Count + v2 / variant.Count);
        return new Interval(m2 - m1, m2 - m1 - Z * error, m2 - m1 + Z * error);
    }
}
