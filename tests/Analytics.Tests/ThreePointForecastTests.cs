using Platform.Analytics.Forecasting;

namespace Platform.Analytics.Tests;

public sealed class ThreePointForecastTests
{
    [Fact]
    public void A_chain_of_estimates_sums_its_pert_means_and_widens_by_its_deviation()
    {
        // Means 2 + 5 + 4 = 11 days; variances (6/6)² + (12/6)² + 0 = 1 + 4 = 5.
        var forecast = ThreePointForecast.Along([new(0, 1.5, 6), new(0, 4.5, 12), new(4, 4, 4)]);

        Assert.Equal(11, forecast.P50, 9);
        Assert.Equal(11 + 1.0364333894937898 * Math.Sqrt(5), forecast.P85, 9);
        Assert.Equal(11 + 1.6448536269514729 * Math.Sqrt(5), forecast.P95, 9);
        Assert.Equal(new DurationForecast(0, 0, 0), ThreePointForecast.Along([]));
    }
}
