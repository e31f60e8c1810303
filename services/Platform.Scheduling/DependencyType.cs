namespace Platform.Scheduling;

/// <summary>How a successor's start or finish is tied to its predecessor's (lag in working days, may be negative).</summary>
public enum DependencyType
{
    FinishToStart,
    StartToStart,
    FinishToFinish,
    StartToFinish,
}
