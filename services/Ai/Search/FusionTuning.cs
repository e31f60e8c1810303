namespace Platform.Ai.Search;

/// <summary>How the answers searched with one vector weight were rated.</summary>
public sealed record WeightTally(double Vector, int Helpful, int Unhelpful)
{
    public int Ratings => Helpful + Unhelpful;

    /// <summary>The expected share of helpful answers, with one helpful and one unhelpful answer assumed beforehand.</summary>
    public double ExpectedHelpfulShare => (Helpful + 1.0) / (Ratings + 2.0);
}

/// <summary>
/// Learns an organization's fusion weights from its rated answers, as a multi-armed bandit over a few vector weights
/// (full text gets the rest): each answer searches with a weight drawn by Thompson sampling (the weight whose draw from
/// its Beta posterior of helpful answers is highest), so weights that help are used more and the others still get
/// tried now and then; plain searches, which nobody rates, use the learned weight. Which weights suit a team depends on
/// how it asks (remembered words favour full text, paraphrases favour meaning: tests/Platform.Benchmarks/README.md).
/// </summary>
public static class FusionTuning
{
    /// <summary>The vector weights tried; <see cref="FusionWeights.Default"/>'s is among them.</summary>
    public static readonly double[] Candidates = [0.1, 0.2, 0.3, 0.4, 0.5];

    /// <summary>Rated answers a weight needs before it can replace the default for plain searches.</summary>
    public const int MinimumRatings = 10;

    public static FusionWeights WithVector(double vector) => new(Math.Round(1 - vector, 2), vector);

    /// <summary>The weights for an answer: the candidate with the highest draw from its posterior.</summary>
    public static FusionWeights Choose(IReadOnlyCollection<WeightTally> tallies, Random random)
    {
        var best = Candidates.MaxBy(vector =>
        {
            var tally = Tally(tallies, vector);
            return Beta(tally.Helpful + 1, tally.Unhelpful + 1, random);
        });
        return WithVector(best);
    }

    /// <summary>
    /// The weights for plain searches: the candidate with the best expected share of helpful answers among those rated
    /// at least <see cref="MinimumRatings"/> times, if it beats the default's; otherwise the default.
    /// </summary>
    public static FusionWeights Learned(IReadOnlyCollection<WeightTally> tallies)
    {
        var standard = Tally(tallies, FusionWeights.Default.Vector);
        var best = tallies.Where(t => t.Ratings >= MinimumRatings && Candidates.Contains(t.Vector)).MaxBy(t => t.ExpectedHelpfulShare);
        return best is not null && best.ExpectedHelpfulShare > standard.ExpectedHelpfulShare ? WithVector(best.Vector) : FusionWeights.Default;
    }

    /// <summary>How the answers searched with <paramref name="vector"/> were rated (none yet when not found).</summary>
    public static WeightTally Tally(IReadOnlyCollection<WeightTally> tallies, double vector) =>
        tallies.FirstOrDefault(t => Math.Abs(t.Vector - vector) < 1e-9) ?? new WeightTally(vector, 0, 0);

    /// <summary>A draw from Beta(a, b) as X / (X + Y) of two Gamma draws.</summary>
    private static double Beta(double a, double b, Random random)
    {
        var x = Gamma(a, random);
        return x / (x + Gamma(b, random));
    }

    /// <summary>A draw from Gamma(shape, 1), shape ≥ 1, by Marsaglia and Tsang's method.</summary>
    private static double Gamma(double shape, Random random)
    {
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = random.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
