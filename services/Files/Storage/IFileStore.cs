namespace Platform.Files.Storage;

/// <summary>
/// Where files' bytes live, by key (<see cref="StoreKeys"/>): local disk, an S3-compatible store or Google Cloud Storage,
/// chosen by <c>Files:Storage:Kind</c>. Objects are written whole and never changed; deleting a missing key is not an error.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores <paramref name="length"/> bytes of <paramref name="content"/> (seekable, at its start) under <paramref name="key"/>.</summary>
    Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken cancellationToken);

    /// <summary>The object's bytes, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
