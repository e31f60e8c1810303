namespace Platform.Analytics.Data;

/// <summary>A project as its events name it: analytics answers by key for the projects it has heard of, on their working calendar.</summary>
public sealed class FlowProject
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string Key { get; set; } = "";

    /// <summary>The project's working calendar, as its last change said (Monday to Friday until one does).</summary>
    public List<DayOfWeek> WorkingDays { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public List<DateOnly> Holidays { get; set; } = [];
}
