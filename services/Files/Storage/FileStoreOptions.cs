namespace Platform.Files.Storage;

/// <summary>
/// <c>Files:Storage</c>: which store keeps the bytes. <c>Local</c> (the default) writes under <see cref="Root"/>; <c>S3</c>
/// speaks to any S3-compatible store (AWS, MinIO, Google Cloud Storage's XML API with HMAC keys); <c>Gcs</c> uses Google
/// Cloud Storage's own API with the workload's identity (GKE Workload Identity, or GOOGLE_APPLICATION_CREDENTIALS).
/// </summary>
public sealed class FileStoreOptions
{
    public const string Section = "Files:Storage";

    public string Kind { get; set; } = FileStoreKind.Local;

    /// <summary>Local: the folder objects are kept in.</summary>
    public string? Root { get; set; }

    /// <summary>S3 and Gcs: the bucket.</summary>
    public string? Bucket { get; set; }

    /// <summary>S3: the store's address (none: AWS itself, by <see cref="Region"/>).</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>S3: bucket in the path, not the host name (MinIO and most S3-compatible stores need it).</summary>
    public bool ForcePathStyle { get; set; } = true;
}

public static class FileStoreKind
{
    public const string Local = "Local";
    public const string S3 = "S3";
    public const string Gcs = "Gcs";
}
