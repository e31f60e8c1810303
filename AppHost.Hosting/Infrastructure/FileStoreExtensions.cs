namespace Platform.AppHost.Infrastructure;

public static class FileStoreExtensions
{
    /// <summary>
    /// Where the files service keeps files' bytes. Run locally: on this machine's disk, in the data folder beside
    /// Postgres' and Redis' (kept across runs). Published: a Google Cloud Storage bucket (the parameter
    /// <c>files-bucket</c>), reached as the workload's own identity; <c>files-storage-kind</c> may name S3 instead.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithFileStore(this IResourceBuilder<ProjectResource> files, IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return files
                .WithEnvironment("Files__Storage__Kind", builder.AddParameter("files-storage-kind", "Gcs", publishValueAsDefault: true))
                // Terraform's bucket (deploy/terraform/files.tf); the release puts the project's id in.
                .WithEnvironment("Files__Storage__Bucket", builder.AddParameter("files-bucket", "PROJECT_ID-platform-files", publishValueAsDefault: true));
        }

        return files
            .WithEnvironment("Files__Storage__Kind", "Local")
            .WithEnvironment("Files__Storage__Root", Path.Combine(LocalDataFolder.Resolve(builder), "files"));
    }
}
