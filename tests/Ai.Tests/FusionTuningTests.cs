using Platform.Ai.Search;

namespace Platform.Ai.Tests;

public sealed class FusionTuningTests
{
    [Fact]
    public void Rated_answers_move_the_draws_to_the_weight_that_helps_most_and_plain_searches_follow_it()
    {
        // Simulated raters: how often an answer searched with each vector weight helps this team.
        var helpfulShare = new Dictionary<double, double> { [0.1] = 0.4, [0.2] = 0.5, [0.3] = 0.55, [0.4] = 0.75, [0.5] = 0.6 };
        var random = new Random(11);
        var tallies = FusionTuning.Candidates.ToDictionary(v => v, v => new WeightTally(v, 0, 0));
        var lastChoices = new List<double>();
        for (var round = 0; round < 600; round++)
        {
            var weights = FusionTuning.Choose(tallies.Values, random);
            Assert.Equal(1, weights.FullText + weights.Vector, 9);
            var tally = tallies[weights.Vector];
            tallies[weights.Vector] = random.NextDouble() < helpfulShare[weights.Vector]
                ? tally with { Helpful = tally.Helpful + 1 } : tally with { Unhelpful = tally.Unhelpful + 1 };
            if (round >= 400)
            {
                lastChoices.Add(weights.Vector);
            }
        }

        Assert.Equal(0.4, lastChoices.GroupBy(v => v).MaxBy(g => g.Count())!.Key);
        Assert.True(lastChoices.Count(v => v == 0.4) > 100, $"0.4 drawn {lastChoices.Count(v => v == 0.4)} times of 200");
        Assert.Equal(new FusionWeights(0.6, 0.4), FusionTuning.Learned(tallies.Values));
    }

    [Fact]
    public void Plain_searches_keep_the_default_until_a_weight_has_enough_ratings_and_beats_it()
    {
        Assert.Equal(FusionWeights.Default, FusionTuning.Learned([]));
        Assert.Equal(FusionWeights.Default, FusionTuning.Learned([new WeightTally(0.5, FusionTuning.MinimumRatings - 1, 0)]));
        Assert.Equal(new FusionWeights(0.5, 0.5), FusionTuning.Learned([new WeightTally(0.5, FusionTuning.MinimumRatings, 0)]));
        // As good as the default is not better.
        Assert.Equal(FusionWeights.Default, FusionTuning.Learned([new WeightTally(0.3, 8, 4), new WeightTally(0.5, 8, 4)]));
        // A weight that is not a candidate (an older release's) is never learned.
        Assert.Equal(FusionWeights.Default, FusionTuning.Learned([new WeightTally(0.9, 50, 0)]));
    }
}
