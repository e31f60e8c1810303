using Platform.Ai.Experiments;

namespace Platform.Ai.Tests;

/// <summary>An experiment's arms and its statistics: stable routing, Wilson intervals, differences with their intervals.</summary>
public sealed class ExperimentReportTests
{
    [Fact]
    public void A_person_stays_in_one_arm_and_the_share_holds_over_many_people()
    {
        var experiment = Guid.NewGuid();
        var arms = Enumerable.Range(0, 10_000).Select(i => ExperimentRouting.ArmOf(experiment, $"user-{i}", 30)).ToList();

        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(arms[i], ExperimentRouting.ArmOf(experiment, $"user-{i}", 30)));
        Assert.InRange(arms.Count(a => a == ExperimentReport.Variant) / 10_000.0, 0.28, 0.32);
        // Another experiment splits the same people independently of the first.
        var other = Guid.NewGuid();
        var both = Enumerable.Range(0, 10_000).Count(i => arms[i] == ExperimentReport.Variant && ExperimentRouting.ArmOf(other, $"user-{i}", 30) == ExperimentReport.Variant);
        Assert.InRange(both / 10_000.0, 0.07, 0.11);
    }

    [Fact]
    public void The_helpful_rate_has_its_wilson_interval()
    {
        var interval = ExperimentReport.Wilson(8, 10);
        Assert.Equal(0.8, interval.Estimate, 6);
        Assert.Equal(0.4902, interval.Low, 3);
        Assert.Equal(0.9433, interval.High, 3);
        Assert.Equal(0, ExperimentReport.Wilson(0, 5).Low);
    }

    [Fact]
    public void The_report_gives_each_arm_its_figures_and_the_variants_differences_with_intervals()
    {
        List<ArmAnswer> answers =
        [
            .. Enumerable.Range(0, 60).Select(i => new ArmAnswer(ExperimentReport.Control, "small", 100 + i % 3 * 10, 1000, 100, 0.001m, false, (short)(i < 30 ? 1 : -1))),
            .. Enumerable.Range(0, 60).Select(i => new ArmAnswer(ExperimentReport.Variant, "large", 150 + i % 3 * 10, 1000, 200, 0.004m, false, (short)(i < 45 ? 1 : -1))),
            new ArmAnswer(ExperimentReport.Variant, "large", 30_000, null, null, null, true, null),
        ];

        var report = ExperimentReport.Compare(answers);

        Assert.Equal((60, 0, 0.06m, 60, 30), (report.Control.Answers, report.Control.Errors, report.Control.Cost, report.Control.Rated, report.Control.Helpful));
        Assert.Equal((61, 1, "large"), (report.Variant.Answers, report.Variant.Errors, report.Variant.Model));
        Assert.Equal(1 / 61.0, report.Variant.ErrorRate, 6);
        Assert.Equal(160, report.Variant.MeanLatencyMs, 6);
        Assert.Equal(200, report.Variant.MeanOutputTokens, 6);
        Assert.Equal(0.25, report.HelpfulRateDifference!.Estimate, 6);
        Assert.Equal(0.0826, report.HelpfulRateDifference.Low, 3);
        Assert.Equal(0.4174, report.HelpfulRateDifference.High, 3);
        Assert.Equal(50, report.LatencyDifferenceMs!.Estimate, 6);
        Assert.True(report.LatencyDifferenceMs.Low is > 45 and < 50 && report.LatencyDifferenceMs.High is > 50 and < 55);
    }

    [Fact]
    public void Without_ratings_in_both_arms_there_is_no_difference_to_report()
    {
        var report = ExperimentReport.Compare([new ArmAnswer(ExperimentReport.Control, "small", 100, 1, 1, null, false, 1)]);
        Assert.Null(report.HelpfulRateDifference);
        Assert.Null(report.LatencyDifferenceMs);
        Assert.Equal(0, report.Variant.Answers);
    }
}
