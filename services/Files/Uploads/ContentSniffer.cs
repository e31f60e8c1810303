using System.Text.Unicode;

namespace Platform.Files.Uploads;

/// <summary>What a file's first bytes say it is, whatever its name or the client claims.</summary>
public sealed record SniffedType(string ContentType, FileKind Kind);

public enum FileKind
{
    Binary,
    Text,
    Pdf,
    Image,
    Office,
    Archive,

    /// <summary>A program (ELF, Windows PE, Mach-O, Java class): never stored.</summary>
    Executable,
}

/// <summary>
/// Tells a file's type from its first <see cref="HeadBytes"/> bytes (magic numbers; text if it is UTF-8 without NULs).
/// The name only refines what the bytes allow: an Office document is a ZIP named .docx/.xlsx/.pptx (processing checks
/// its parts), a text file named .md is markdown. A program is a program whatever it is called.
/// </summary>
public static class ContentSniffer
{
    public const int HeadBytes = 4096;

    /// <summary>The image types a browser may show inline from this service (never SVG, which can carry script).</summary>
    public static bool IsSafeImageType(string contentType) => contentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp";

    private static readonly Dictionary<string, string> OfficeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    public static SniffedType Sniff(ReadOnlySpan<byte> head, string fileName)
    {
        var extension = Path.GetExtension(fileName);
        if (IsExecutable(head))
        {
            return new("application/octet-stream", FileKind.Executable);
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return new("application/pdf", FileKind.Pdf);
        }

        if (Starts(head, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A))
        {
            return new("image/png", FileKind.Image);
        }

        if (Starts(head, 0xFF, 0xD8, 0xFF))
        {
            return new("image/jpeg", FileKind.Image);
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return new("image/gif", FileKind.Image);
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return new("image/webp", FileKind.Image);
        }

        if (Starts(head, 0x50, 0x4B, 0x03, 0x04) || Starts(head, 0x50, 0x4B, 0x05, 0x06))
        {
            return OfficeTypes.TryGetValue(extension, out var office) ? new(office, FileKind.Office) : new("application/zip", FileKind.Archive);
        }

        if (Starts(head, 0x1F, 0x8B))
        {
            return new("application/gzip", FileKind.Archive);
        }

        if (Starts(head, 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C))
        {
            return new("application/x-7z-compressed", FileKind.Archive);
        }

        if (IsText(head))
        {
            return new(TextType(extension), FileKind.Text);
        }

        return new("application/octet-stream", FileKind.Binary);
    }

    private static bool Starts(ReadOnlySpan<byte> head, params ReadOnlySpan<byte> magic) => head.StartsWith(magic);

    private static bool IsExecutable(ReadOnlySpan<byte> head) =>
        Starts(head, 0x7F, 0x45, 0x4C, 0x46) // ELF
        || head.StartsWith("MZ"u8) && head.IndexOf((byte)0) >= 0 // DOS and Windows PE (a text that starts "MZ" is text)
        || Starts(head, 0xFE, 0xED, 0xFA, 0xCE) || Starts(head, 0xFE, 0xED, 0xFA, 0xCF)
        || Starts(head, 0xCE, 0xFA, 0xED, 0xFE) || Starts(head, 0xCF, 0xFA, 0xED, 0xFE) // Mach-O
        || Starts(head, 0xCA, 0xFE, 0xBA, 0xBE); // Mach-O universal, Java class

    /// <summary>UTF-8 (a character cut by the end of the head is allowed) with no NUL and few control characters.</summary>
    private static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        var controls = 0;
        foreach (var b in head)
        {
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C or 0x1B))
            {
                controls++;
            }
        }

        if (controls > head.Length / 100)
        {
            return false;
        }

        // Up to 3 bytes at the end may be the start of a character the head cut.
        for (var cut = 0; cut <= Math.Min(3, head.Length); cut++)
        {
            if (Utf8.IsValid(head[..^cut]))
            {
                return true;
            }
        }

        return false;
    }

    private static string TextType(string extension) => extension.ToLowerInvariant() switch
    {
        ".md" or ".markdown" => "text/markdown",
        ".csv" => "text/csv",
        _ => "text/plain",
    };
}
