using Platform.Analytics.Forecasting;

namespace Platform.Analytics.Tests;

public sealed class MonteCarloForecastTests
{
    private static ThroughputHistory Steady(int perWeek, int weeks = 8) =>
        ThroughputHistory.FromWeeks(Enumerable.Repeat(perWeek, weeks).ToArray(), Enumerable.Repeat(0, weeks).ToArray());

    [Fact]
    public void A_team_that_always_finishes_five_a_week_does_twenty_tasks_in_exactly_four_weeks()
    {
        var forecast = MonteCarloForecast.When(Steady(5), 20, new ForecastOptions(Trials: 500));

        Assert.Equal((4.0, 4.0, 4.0, 1.0), (forecast.P50, forecast.P85, forecast.P95, forecast.FinishedShare));
        Assert.Equal([0, 0, 0, 500], forecast.FinishedPerWeek);
        Assert.Equal(new HowManyForecast(15, 15, 15), MonteCarloForecast.HowMany(Steady(5), 3, new ForecastOptions(Trials: 500)));
        // Part of a week: 12 tasks end two fifths into the third week.
        Assert.Equal(2.4, MonteCarloForecast.When(Steady(5), 12, new ForecastOptions(Trials: 10)).P50, 9);
    }

    [Fact]
    public void The_same_seed_gives_the_same_forecast_and_the_percentiles_are_ordered()
    {
        var history = ThroughputHistory.FromWeeks([0, 3, 7, 2, 5, 9, 1, 4, 6, 3], [4, 2, 5, 3, 3, 6, 2, 4, 5, 2]);

        var once = MonteCarloForecast.When(history, 60, new ForecastOptions(Seed: 42));
        var again = MonteCarloForecast.When(history, 60, new ForecastOptions(Seed: 42));
        var other = MonteCarloForecast.When(history, 60, new ForecastOptions(Seed: 7));

        Assert.Equal((once.P50, once.P85, once.P95, once.FinishedShare), (again.P50, again.P85, again.P95, again.FinishedShare));
        Assert.Equal(once.FinishedPerWeek, again.FinishedPerWeek);
        Assert.Equal(10_000, once.FinishedPerWeek.Sum());
        Assert.NotEqual(once, other);
        Assert.True(once.P50 <= once.P85 && once.P85 <= once.P95);
        // 60 tasks at 4 a week on average: about 15 weeks.
        Assert.InRange(once.P50, 13, 17);
        var many = MonteCarloForecast.HowMany(history, 10, new ForecastOptions(Seed: 42));
        Assert.True(many.P50 >= many.P85 && many.P85 >= many.P95);
        Assert.InRange(many.P50, 35, 45);
    }

    [Fact]
    public void New_work_arriving_at_its_historical_rate_pushes_the_date_out_and_may_never_let_the_work_finish()
    {
        var history = ThroughputHistory.FromWeeks([4, 5, 6, 5, 4, 6], [2, 2, 2, 2, 2, 2]);

        var fixedScope = MonteCarloForecast.When(history, 50, new ForecastOptions());
        var growing = MonteCarloForecast.When(history, 50, new ForecastOptions(ScopeGrowth: true));
        Assert.True(growing.P50 > fixedScope.P50 * 1.4, $"{growing.P50} against {fixedScope.P50}");
        Assert.Equal(1, growing.FinishedShare);

        var swamped = ThroughputHistory.FromWeeks([3, 3, 3, 3, 3, 3], [4, 4, 4, 4, 4, 4]);
        var never = MonteCarloForecast.When(swamped, 10, new ForecastOptions(ScopeGrowth: true, HorizonWeeks: 100));
        Assert.Equal(0, never.FinishedShare);
        Assert.Equal(100, never.P50);
    }

    [Fact]
    public void A_short_history_is_not_enough_and_an_empty_one_cannot_be_sampled()
    {
        Assert.False(ThroughputHistory.FromWeeks([5, 5, 5, 5, 5], [0, 0, 0, 0, 0]).IsEnough); // 25 tasks, 5 weeks
        Assert.False(ThroughputHistory.FromWeeks([1, 2, 1, 2, 1, 2, 1, 2], new int[8]).IsEnough); // 12 tasks
        Assert.True(Steady(3, 7).IsEnough);
        Assert.Throws<ArgumentException>(() => MonteCarloForecast.When(ThroughputHistory.FromWeeks([0, 0], [1, 1]), 5, new ForecastOptions()));
    }

    [Fact]
    public void History_counts_each_date_in_its_week_before_the_cut_off()
    {
        var monday = new DateOnly(2027, 1, 4);
        DateOnly[] finished = [monday.AddDays(-1), monday, monday.AddDays(6), monday.AddDays(7), monday.AddDays(20), monday.AddDays(21)];

        var history = ThroughputHistory.Of(finished, [monday.AddDays(8)], since: monday, until: monday.AddDays(21), weeks: 52);

        Assert.Equal([2, 1, 1], history.Done);
        Assert.Equal([0, 1, 0], history.Arrived);
        Assert.Equal(2, ThroughputHistory.Of(finished, [], monday, monday.AddDays(21), weeks: 2).Weeks);
    }
}
