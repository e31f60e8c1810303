using System.Text.Json;

namespace Platform.Web.Prerendering;

/// <summary>
/// What a prerendered page may hand to its connected page ([PersistentState]). The state travels in the page's HTML and
/// back to the server in the one hub message that starts the circuit; a message over the hub's limit stops the circuit
/// from ever starting, so a page hands over its state only when it stays under <see cref="MaxBytes"/>, and otherwise
/// the connected page reads it again (a moment of "Loading…" instead of a page that never connects).
/// </summary>
public static class PrerenderedState
{
    /// <summary>The largest message the Blazor hub accepts: room for a board of a thousand cards, encoded and protected.</summary>
    public const long HubMessageBytes = 1024 * 1024;

    /// <summary>
    /// A component's state, as JSON. It goes compressed (<see cref="CompressedStateSerializer{T}"/>), so this keeps the
    /// hub message far below its limit even for JSON that hardly compresses.
    /// </summary>
    public const int MaxBytes = 512 * 1024;

    public static T? IfItFits<T>(T value) where T : class =>
        JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web).Length <= MaxBytes ? value : null;
}
