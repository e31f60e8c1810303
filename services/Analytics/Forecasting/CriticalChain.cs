using Platform.Analytics.Data;

namespace Platform.Analytics.Forecasting;

/// <summary>
/// The chain of estimated tasks whose expected durations (PERT means, plus lags) add up to the longest: the work that
/// decides when all of it is done, if everything off the chain runs in parallel.
/// </summary>
public static class CriticalChain
{
    public static IReadOnlyList<ThreePointEstimate> Of(IReadOnlyList<FlowTask> tasks, IReadOnlyList<FlowDependency> dependencies)
    {
        var estimates = tasks.ToDictionary(t => t.Id, Estimate);
        var predecessors = dependencies.Where(d => estimates.ContainsKey(d.PredecessorId) && estimates.ContainsKey(d.SuccessorId))
            .ToLookup(d => d.SuccessorId);
        // Longest path ending at each task, memoized; the projects service refuses cycles, so the recursion ends.
        var longest = new Dictionary<Guid, (double Length, Guid? Previous, double Lag)>();
        (double Length, Guid? Previous, double Lag) Finish(Guid id)
        {
            if (longest.TryGetValue(id, out var known))
            {
                return known;
            }
            (double Length, Guid? Previous, double Lag) best = (0, null, 0);
            foreach (var dependency in predecessors[id])
            {
                var length = Finish(dependency.PredecessorId).Length + dependency.LagDays;
                if (length > best.Length || best.Previous is null)
                {
                    best = (length, dependency.PredecessorId, dependency.LagDays);
                }
            }
            return longest[id] = (best.Length + estimates[id].Mean, best.Previous, best.Lag);
        }

        if (estimates.Count == 0)
        {
            return [];
        }
        var end = estimates.Keys.MaxBy(id => Finish(id).Length);
        var chain = new List<ThreePointEstimate>();
        for (Guid? at = end; at is { } id; at = longest[id].Previous)
        {
            chain.Add(estimates[id]);
            if (longest[id].Lag != 0)
            {
                chain.Add(new ThreePointEstimate(longest[id].Lag, longest[id].Lag, longest[id].Lag));
            }
        }
        chain.Reverse();
        return chain;
    }

    /// <summary>The task's three-point estimate; a single "most likely" stands for all three.</summary>
    public static ThreePointEstimate Estimate(FlowTask task)
    {
        var likely = task.MostLikelyDays ?? 0;
        return new ThreePointEstimate(task.OptimisticDays ?? likely, likely, task.PessimisticDays ?? likely);
    }

    public static bool IsEstimated(FlowTask task) => task.MostLikelyDays is not null;
}
