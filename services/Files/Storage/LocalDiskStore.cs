namespace Platform.Files.Storage;

/// <summary>
/// The embedded default: objects as files under one folder (the AppHost's data folder locally). A file is written to a
/// temporary name and moved into place, so a reader never sees half an object.
/// </summary>
public sealed class LocalDiskStore(string root) : IFileStore
{
    public async Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Stream? stream = File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true) : null;
        return Task.FromResult(stream);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <summary>Keys are made by <see cref="StoreKeys"/> (hex ids and fixed names only), so they cannot leave the root.</summary>
    private string PathOf(string key) => Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));
}
