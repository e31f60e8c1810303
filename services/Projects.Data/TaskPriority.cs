namespace Platform.Projects.Data;

/// <summary>Numbered in sort order (urgent first, none last), so sorting by priority reads an index.</summary>
public enum TaskPriority : short
{
    Urgent = 1,
    High = 2,
    Medium = 3,
    Low = 4,
    None = 5,
}
