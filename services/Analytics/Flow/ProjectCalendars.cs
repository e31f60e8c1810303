using Platform.Analytics.Data;
using Platform.Contracts;
using Platform.Scheduling;

namespace Platform.Analytics.Flow;

/// <summary>A project's key and working calendar as its changes tell them, and the calendar its dates are counted on.</summary>
public static class ProjectCalendars
{
    public static void Apply(FlowProject project, ProjectChanged changed)
    {
        project.Key = changed.Key;
        // Events from before they carried the calendar leave it as it was.
        if (changed.WorkingDays.Count > 0)
        {
            project.WorkingDays = [.. changed.WorkingDays];
            project.Holidays = [.. changed.Holidays];
        }
    }

    /// <summary>The project's working days from <paramref name="start"/>: day 0 is the first working day on or after it.</summary>
    public static WorkingCalendar From(FlowProject project, DateOnly start) => new(start, project.WorkingDays, project.Holidays);
}
