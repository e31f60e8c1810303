namespace Platform.Web.Prerendering;

/// <summary>
/// What a prerendered page may hand to its connected page ([PersistentState]). The state travels in the page's HTML and
/// back to the server in the one hub message that starts the circuit; a message over the hub's limit stops the circuit
/// from ever starting, so a state larger than <see cref="MaxBytes"/> once compressed is handed over as nothing
/// (<see cref="CompressedStateSerializer{T}"/>), and the connected page reads it again (a moment of "Loading…" instead
/// of a page that never connects).
/// </summary>
public static class PrerenderedState
{
    /// <summary>The largest message the Blazor hub accepts: room for the largest state, encoded and protected.</summary>
    public const long HubMessageBytes = 1024 * 1024;

    /// <summary>A component's compressed state; base64 and data protection make it about half as large again on the wire.</summary>
    public const int MaxBytes = 512 * 1024;
}
