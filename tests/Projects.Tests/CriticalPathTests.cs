using Platform.Scheduling;
using Platform.Projects.Data;

namespace Platform.Projects.Tests;

public sealed class CriticalPathTests
{
    private const int A = 0, B = 1, C = 2, D = 3;

    [Fact]
    public void A_hand_checked_network_gets_its_dates_floats_and_critical_chain()
    {
        // A(3) -> B(2) -> D(1); A -> C(4) -> D
        var (schedule, cycle) = CriticalPath.Compute([3, 2, 4, 1],
        [
            new(A, B, DependencyType.FinishToStart, 0), new(A, C, DependencyType.FinishToStart, 0),
            new(B, D, DependencyType.FinishToStart, 0), new(C, D, DependencyType.FinishToStart, 0),
        ]);

        Assert.Null(cycle);
        Assert.Equal(8, schedule!.Duration);
        Assert.Equal(new ActivityTimes(3, 5, 5, 7, 2, 2), schedule.Activities[B]);
        Assert.Equal(new ActivityTimes(3, 7, 3, 7, 0, 0), schedule.Activities[C]);
        Assert.Equal(new ActivityTimes(7, 8, 7, 8, 0, 0), schedule.Activities[D]);
        Assert.Equal([A, C, D], schedule.CriticalActivities);
    }

    [Theory]
    [InlineData(DependencyType.StartToStart, 1, 1, 3, 4)]      // B starts a day after A starts
    [InlineData(DependencyType.FinishToFinish, 2, 4, 6, 6)]    // B finishes two days after A finishes
    [InlineData(DependencyType.StartToFinish, 1, 0, 2, 4)]     // B may finish a day after A starts; never before the project starts
    [InlineData(DependencyType.FinishToStart, -2, 2, 4, 4)]    // a lead: B starts two days before A finishes
    public void Each_dependency_type_and_lag_places_the_successor(DependencyType type, double lag, double start, double finish, double duration)
    {
        var (schedule, _) = CriticalPath.Compute([4, 2], [new(A, B, type, lag)]);

        Assert.Equal(start, schedule!.Activities[B].EarlyStart);
        Assert.Equal(finish, schedule.Activities[B].EarlyFinish);
        Assert.Equal(duration, schedule.Duration);
    }

    [Fact]
    public void Float_is_what_an_activity_may_slip_without_moving_the_finish()
    {
        // A(4) and B(2) start together; B may slip two days.
        var (schedule, _) = CriticalPath.Compute([4, 2], [new(A, B, DependencyType.StartToStart, 0)]);

        Assert.Equal(2, schedule!.Activities[B].TotalFloat);
        Assert.Equal(0, schedule.Activities[A].TotalFloat);
        Assert.Equal([A], schedule.CriticalActivities);
    }

    [Fact]
    public void A_start_no_earlier_than_holds_an_activity_back_and_uses_up_its_float()
    {
        // The hand-checked network with B held back to day 5: B's two days of float are gone, and D waits for neither more.
        var (schedule, _) = CriticalPath.Compute([3, 2, 4, 1],
        [
            new(A, B, DependencyType.FinishToStart, 0), new(A, C, DependencyType.FinishToStart, 0),
            new(B, D, DependencyType.FinishToStart, 0), new(C, D, DependencyType.FinishToStart, 0),
        ], [0, 5, 0, 0]);

        Assert.Equal(new ActivityTimes(5, 7, 5, 7, 0, 0), schedule!.Activities[B]);
        Assert.Equal(8, schedule.Duration);
        Assert.Equal([A, B, C, D], schedule.CriticalActivities);

        var (later, _) = CriticalPath.Compute([3, 2, 4, 1],
        [
            new(A, B, DependencyType.FinishToStart, 0), new(A, C, DependencyType.FinishToStart, 0),
            new(B, D, DependencyType.FinishToStart, 0), new(C, D, DependencyType.FinishToStart, 0),
        ], [0, 6, 0, 0]);
        Assert.Equal(9, later!.Duration);
        Assert.Equal(1, later.Activities[C].TotalFloat);
    }

    [Fact]
    public void A_cycle_is_reported_with_its_activities_in_dependency_order()
    {
        var (schedule, cycle) = CriticalPath.Compute([1, 1, 1, 1],
        [
            new(D, A, DependencyType.FinishToStart, 0), new(A, B, DependencyType.FinishToStart, 0),
            new(B, C, DependencyType.FinishToStart, 0), new(C, A, DependencyType.FinishToStart, 0),
        ]);

        Assert.Null(schedule);
        Assert.Equal(3, cycle!.Length);
        var start = Array.IndexOf(cycle, A);
        Assert.Equal([A, B, C], [cycle[start], cycle[(start + 1) % 3], cycle[(start + 2) % 3]]);
    }

    [Fact]
    public void A_long_chain_neither_overflows_nor_loses_a_day()
    {
        const int Length = 200_000;
        var links = Enumerable.Range(0, Length - 1).Select(i => new Link(i, i + 1, DependencyType.FinishToStart, 0)).ToArray();

        var (schedule, _) = CriticalPath.Compute(Enumerable.Repeat(1.0, Length).ToArray(), links);
        var (_, cycle) = CriticalPath.Compute(Enumerable.Repeat(1.0, Length).ToArray(), [.. links, new Link(Length - 1, 0, DependencyType.FinishToStart, 0)]);

        Assert.Equal(Length, schedule!.Duration);
        Assert.Equal(Length, schedule.CriticalActivities.Length);
        Assert.Equal(Length, cycle!.Length);
    }

    [Fact]
    public void No_activities_make_an_empty_schedule()
    {
        var (schedule, cycle) = CriticalPath.Compute([], []);

        Assert.Null(cycle);
        Assert.Equal(0, schedule!.Duration);
        Assert.Empty(schedule.CriticalActivities);
    }
}
