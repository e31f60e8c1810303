namespace Platform.Collaboration;

/// <summary>Limits and tuning of the editing path (section <c>Collaboration</c>).</summary>
public sealed class CollaborationOptions
{
    public const string Section = "Collaboration";

    /// <summary>Largest document, in code points.</summary>
    public int MaxDocumentCodePoints { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest text one operation may insert, in code points (a big paste); SignalR's message limit is set above it.</summary>
    public int MaxInsertCodePoints { get; set; } = 1024 * 1024;

    /// <summary>A snapshot of the text every this many operations.</summary>
    public int SnapshotEvery { get; set; } = 100;

    /// <summary>
    /// The trimmed log: how many versions behind an operation may be based. Older ones are refused (the client rejoins
    /// from a fresh snapshot), which bounds what one submission costs to transform.
    /// </summary>
    public int MaxVersionsBehind { get; set; } = 1000;

    /// <summary>Operations per second one connection may submit, with bursts up to <see cref="OpsBurst"/>.</summary>
    public int OpsPerSecond { get; set; } = 50;

    public int OpsBurst { get; set; } = 200;

    /// <summary>How long a document is quiet before its DocumentChanged event goes out, and the longest it waits while edits keep coming.</summary>
    public TimeSpan EventQuietPeriod { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan EventMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
