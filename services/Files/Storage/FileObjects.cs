using Platform.Files.Data;

namespace Platform.Files.Storage;

public static partial class FileObjects
{
    /// <summary>
    /// Deletes every object of a file (<see cref="StoreKeys.All"/>), after its row is gone: a store that fails leaves an
    /// object without a row (logged with its key, for cleaning up), never a row whose bytes are missing.
    /// </summary>
    public static async Task DeleteAsync(IFileStore store, StoredFile file, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var key in StoreKeys.All(file))
        {
            try
            {
                await store.DeleteAsync(key, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLeftBehind(logger, e, key);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An object of a deleted file was left in the store: {Key}")]
    private static partial void LogLeftBehind(ILogger logger, Exception exception, string key);
}
