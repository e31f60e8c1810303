namespace Platform.Web.Components.Gantt;

/// <summary>
/// The rows of a long timeline the page draws: those in view and a margin above and below, so a scroll within the margin
/// shows drawn rows at once while the page draws the next window. A 2,000-task timeline then sends and lays out a
/// hundred rows, not two thousand.
/// </summary>
public readonly record struct RowWindow(int First, int Last)
{
    /// <summary>Rows drawn beyond the view on either side.</summary>
    public const int Margin = 40;

    /// <summary>What a timeline first draws: the top rows, more than a screen holds.</summary>
    public static RowWindow Initial(int rows) => new(0, Math.Min(rows, 2 * Margin) - 1);

    /// <summary>
    /// The window around the rows in view, within the timeline's <paramref name="rows"/>; at the timeline's end (or in one
    /// that got shorter) it still holds as many rows as the first window.
    /// </summary>
    public static RowWindow Around(int firstVisible, int lastVisible, int rows) =>
        new(Math.Clamp(firstVisible - Margin, 0, Math.Max(0, rows - 2 * Margin)), Math.Min(rows - 1, Math.Max(firstVisible, lastVisible) + Margin));

    public bool Contains(int row) => row >= First && row <= Last;

    /// <summary>True when an arrow between these rows crosses the window (it is drawn even when both its ends are outside).</summary>
    public bool Crosses(int topRow, int bottomRow) => bottomRow >= First && topRow <= Last;
}
