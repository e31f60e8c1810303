namespace Platform.Web.Client.Editing;

public enum EditorStatus
{
    Connecting,
    Live,
    /// <summary>The connection dropped: typing goes on, and what was typed is sent once it is back.</summary>
    Offline,
    Deleted,
    Failed,
}
