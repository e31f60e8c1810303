namespace Platform.Files.Storage;

public static class FileStoreExtensions
{
    /// <summary>The store <c>Files:Storage:Kind</c> names; a misnamed kind or a missing setting stops the service at start, not at its first upload.</summary>
    public static IHostApplicationBuilder AddFileStore(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(FileStoreOptions.Section).Get<FileStoreOptions>() ?? new FileStoreOptions();
        IFileStore store = options.Kind switch
        {
            FileStoreKind.Local => new LocalDiskStore(options.Root ?? throw new InvalidOperationException("Files:Storage:Root names the folder files are kept in.")),
            FileStoreKind.S3 => new S3FileStore(options),
            FileStoreKind.Gcs => new GcsFileStore(options),
            _ => throw new InvalidOperationException($"Files:Storage:Kind is '{options.Kind}'; it takes Local, S3 or Gcs."),
        };
        builder.Services.AddSingleton(store);
        return builder;
    }
}
