using Platform.Analytics.Forecasting;

namespace Platform.Analytics.Tests;

public sealed class BacktestTests
{
    private static readonly DateOnly Start = new(2027, 1, 4);

    [Fact]
    public void A_team_as_steady_as_its_history_is_forecast_to_the_day_at_every_cut_off()
    {
        // One task created each day and finished two weeks later, for a year: seven done a week, fourteen open at any time.
        var tasks = Enumerable.Range(0, 365).Select(day => new FinishedTask(Start.AddDays(day), Start.AddDays(day + 14))).ToList();

        var result = Backtest.Run(tasks, new BacktestSettings(DataEnd: Start.AddDays(364), HistoryWeeks: 8, StepWeeks: 4, new ForecastOptions(Trials: 200)));

        Assert.NotEmpty(result.Cases);
        Assert.All(result.Cases, c => Assert.Equal(14, c.Open));
        // Fourteen tasks at seven a week: two weeks, so the fourteenth is finished on the cut-off's day + 13.
        Assert.All(result.Cases, c => Assert.Equal(c.CutOff.AddDays(13), c.Actual));
        Assert.Equal(0, result.MeanAbsoluteErrorDays);
        Assert.Equal(1, result.P85HitRate);
        Assert.Equal(1, result.P95HitRate);
    }

    [Fact]
    public void Cut_offs_whose_outcome_lies_beyond_the_data_or_with_too_little_history_are_left_out()
    {
        var tasks = Enumerable.Range(0, 100).Select(day => new FinishedTask(Start.AddDays(day), Start.AddDays(day + 14))).ToList();

        var result = Backtest.Run(tasks, new BacktestSettings(DataEnd: Start.AddDays(100), HistoryWeeks: 8, StepWeeks: 1, new ForecastOptions(Trials: 100)));

        Assert.All(result.Cases, c => Assert.True(c.Actual <= Start.AddDays(100) && c.CutOff >= Start.AddDays(14 + 8 * 7)));
        Assert.Empty(Backtest.Run([], new BacktestSettings(Start)).Cases);
    }
}
