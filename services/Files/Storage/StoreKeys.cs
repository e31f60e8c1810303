namespace Platform.Files.Storage;

/// <summary>
/// Where each of a file's objects is kept: under its organization and id, so an object's key alone never lets one
/// organization's file be read as another's, and deleting a file deletes every key listed by <see cref="All"/>.
/// </summary>
public static class StoreKeys
{
    public static string Variant(Guid organizationId, Guid fileId, string variant) => $"files/{organizationId:N}/{fileId:N}/{variant}";

    /// <summary>Where an infected file is kept (for an administrator to look at; never served).</summary>
    public static string Quarantine(Guid organizationId, Guid fileId) => $"quarantine/{organizationId:N}/{fileId:N}";

    /// <summary>One part of an unfinished upload (<see cref="Data.UploadPart"/> names it).</summary>
    public static string Part(Guid organizationId, Guid fileId, string part) => $"uploads/{organizationId:N}/{fileId:N}/{part}";

    /// <summary>Every object a file may have: its upload's parts, its quarantined copy, its original and its variants.</summary>
    public static IEnumerable<string> All(Data.StoredFile file) =>
        file.Parts.Select(part => Part(file.OrganizationId, file.Id, part))
            .Append(Quarantine(file.OrganizationId, file.Id))
            .Concat(file.Variants.Append(Data.FileVariant.Original).Distinct().Select(variant => Variant(file.OrganizationId, file.Id, variant)));
}
