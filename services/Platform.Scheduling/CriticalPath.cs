namespace Platform.Scheduling;

/// <summary>The API's names of the dependency types (<c>finish-to-start</c>, …).</summary>
public static class DependencyTypes
{
    private static readonly Dictionary<string, DependencyType> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["finish-to-start"] = DependencyType.FinishToStart,
        ["start-to-start"] = DependencyType.StartToStart,
        ["finish-to-finish"] = DependencyType.FinishToFinish,
        ["start-to-finish"] = DependencyType.StartToFinish,
    };

    public static bool TryParse(string name, out DependencyType type) => ByName.TryGetValue(name, out type);

    public static string Name(this DependencyType type) => ByName.First(t => t.Value == type).Key;
}

/// <summary>A dependency between two activities, by their index in the schedule's input.</summary>
public readonly record struct Link(int Predecessor, int Successor, DependencyType Type, double Lag);

/// <summary>
/// One activity's result of the critical path method, in working days from the project's start:
/// earliest and latest start and finish, total float (how far it may slip without moving the
/// project's finish) and free float (without moving any successor).
/// </summary>
public readonly record struct ActivityTimes(double EarlyStart, double EarlyFinish, double LateStart, double LateFinish, double TotalFloat, double FreeFloat)
{
    public bool IsCritical => TotalFloat <= CriticalPath.Tolerance;
}

/// <summary>The schedule of every activity, the project's duration, and the critical activities in order.</summary>
public sealed record Schedule(ActivityTimes[] Activities, double Duration, int[] CriticalActivities);

/// <summary>
/// The critical path method over activities with durations and dependencies of the four kinds with
/// lags, and optional start-no-earlier-than constraints (an activity's earliest start). Works on arrays indexed by activity (no dictionaries in the passes), so 100,000 activities
/// with 300,000 links schedule in milliseconds; a cycle is reported with the activities that form it.
/// </summary>
public static class CriticalPath
{
    public const double Tolerance = 1e-9;

    /// <summary>
    /// The schedule, or the activities of one cycle (in dependency order) when the links contain one.
    /// <paramref name="earliestStarts"/>, when given, holds each activity's start-no-earlier-than offset (0 for none).
    /// </summary>
    public static (Schedule? Schedule, int[]? Cycle) Compute(IReadOnlyList<double> durationList, IReadOnlyList<Link> linkList, IReadOnlyList<double>? earliestStarts = null)
    {
        // Plain arrays: the passes index them hundreds of thousands of times.
        var durations = durationList as double[] ?? [.. durationList];
        var links = linkList as Link[] ?? [.. linkList];
        var count = durations.Length;
        var (outgoing, outgoingStart) = Adjacency(count, links, byPredecessor: true);
        var (incoming, incomingStart) = Adjacency(count, links, byPredecessor: false);
        var order = TopologicalOrder(count, links, outgoing, outgoingStart);
        if (order is null)
        {
            return (null, FindCycle(count, links, outgoing, outgoingStart));
        }

        var earlyStart = new double[count];
        var earlyFinish = new double[count];
        foreach (var activity in order)
        {
            var start = earliestStarts is null ? 0.0 : Math.Max(0, earliestStarts[activity]);
            for (var i = incomingStart[activity]; i < incomingStart[activity + 1]; i++)
            {
                ref readonly var link = ref links[incoming[i]];
                start = Math.Max(start, EarliestStartAfter(link, earlyStart[link.Predecessor], earlyFinish[link.Predecessor], durations[activity]));
            }

            earlyStart[activity] = start;
            earlyFinish[activity] = start + durations[activity];
        }

        var duration = count == 0 ? 0 : earlyFinish.Max();
        var lateStart = new double[count];
        var lateFinish = new double[count];
        var freeFloat = new double[count];
        for (var position = count - 1; position >= 0; position--)
        {
            var activity = order[position];
            var finish = duration;
            var free = duration - earlyFinish[activity];
            for (var i = outgoingStart[activity]; i < outgoingStart[activity + 1]; i++)
            {
                ref readonly var link = ref links[outgoing[i]];
                var successor = link.Successor;
                finish = Math.Min(finish, LatestFinishBefore(link, lateStart[successor], lateFinish[successor], durations[activity]));
                // Slack of this link measured against the successor's earliest dates.
                var allowedFinish = LatestFinishBefore(link, earlyStart[successor], earlyFinish[successor], durations[activity]);
                free = Math.Min(free, allowedFinish - earlyFinish[activity]);
            }

            lateFinish[activity] = finish;
            lateStart[activity] = finish - durations[activity];
            freeFloat[activity] = Math.Max(0, free);
        }

        var times = new ActivityTimes[count];
        for (var activity = 0; activity < count; activity++)
        {
            var totalFloat = lateStart[activity] - earlyStart[activity];
            times[activity] = new ActivityTimes(earlyStart[activity], earlyFinish[activity], lateStart[activity], lateFinish[activity], totalFloat, freeFloat[activity]);
        }

        var critical = order.Where(activity => times[activity].IsCritical).ToArray();
        return (new Schedule(times, duration, critical), null);
    }

    /// <summary>The earliest start a link allows its successor, given the predecessor's earliest dates.</summary>
    private static double EarliestStartAfter(in Link link, double predecessorStart, double predecessorFinish, double successorDuration) => link.Type switch
    {
        DependencyType.FinishToStart => predecessorFinish + link.Lag,
        DependencyType.StartToStart => predecessorStart + link.Lag,
        DependencyType.FinishToFinish => predecessorFinish + link.Lag - successorDuration,
        _ => predecessorStart + link.Lag - successorDuration,
    };

    /// <summary>The latest finish a link allows its predecessor, given the successor's dates.</summary>
    private static double LatestFinishBefore(in Link link, double successorStart, double successorFinish, double predecessorDuration) => link.Type switch
    {
        DependencyType.FinishToStart => successorStart - link.Lag,
        DependencyType.StartToStart => successorStart - link.Lag + predecessorDuration,
        DependencyType.FinishToFinish => successorFinish - link.Lag,
        _ => successorFinish - link.Lag + predecessorDuration,
    };

    /// <summary>Links grouped by one end in compressed rows: the link indexes of activity a are list[start[a]..start[a+1]].</summary>
    private static (int[] List, int[] Start) Adjacency(int count, Link[] links, bool byPredecessor)
    {
        var start = new int[count + 1];
        foreach (var link in links)
        {
            start[(byPredecessor ? link.Predecessor : link.Successor) + 1]++;
        }

        for (var activity = 0; activity < count; activity++)
        {
            start[activity + 1] += start[activity];
        }

        var list = new int[links.Length];
        var next = (int[])start.Clone();
        for (var i = 0; i < links.Length; i++)
        {
            list[next[byPredecessor ? links[i].Predecessor : links[i].Successor]++] = i;
        }

        return (list, start);
    }

    /// <summary>Kahn's algorithm; null when some activities sit on a cycle.</summary>
    private static int[]? TopologicalOrder(int count, Link[] links, int[] outgoing, int[] outgoingStart)
    {
        var waiting = new int[count];
        foreach (var link in links)
        {
            waiting[link.Successor]++;
        }

        var order = new int[count];
        var head = 0;
        var tail = 0;
        for (var activity = 0; activity < count; activity++)
        {
            if (waiting[activity] == 0)
            {
                order[tail++] = activity;
            }
        }

        while (head < tail)
        {
            var activity = order[head++];
            for (var i = outgoingStart[activity]; i < outgoingStart[activity + 1]; i++)
            {
                var successor = links[outgoing[i]].Successor;
                if (--waiting[successor] == 0)
                {
                    order[tail++] = successor;
                }
            }
        }

        return tail == count ? order : null;
    }

    /// <summary>One cycle, found by an iterative depth-first search (deep chains must not overflow the stack).</summary>
    private static int[] FindCycle(int count, Link[] links, int[] outgoing, int[] outgoingStart)
    {
        var state = new byte[count]; // 0 unseen, 1 on the current path, 2 done
        var parent = new int[count];
        var nextLink = new int[count];
        for (var root = 0; root < count; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            var stack = new Stack<int>();
            stack.Push(root);
            state[root] = 1;
            parent[root] = -1;
            nextLink[root] = outgoingStart[root];
            while (stack.Count > 0)
            {
                var activity = stack.Peek();
                if (nextLink[activity] == outgoingStart[activity + 1])
                {
                    state[activity] = 2;
                    stack.Pop();
                    continue;
                }

                var successor = links[outgoing[nextLink[activity]++]].Successor;
                if (state[successor] == 1)
                {
                    var cycle = new List<int> { successor };
                    for (var at = activity; at != successor; at = parent[at])
                    {
                        cycle.Add(at);
                    }

                    cycle.Reverse(1, cycle.Count - 1);
                    return [.. cycle];
                }

                if (state[successor] == 0)
                {
                    state[successor] = 1;
                    parent[successor] = activity;
                    nextLink[successor] = outgoingStart[successor];
                    stack.Push(successor);
                }
            }
        }

        return [];
    }
}
