using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace Platform.Files.Processing;

/// <summary>
/// An image's thumbnail and its web-sized copy, as WebP, turned upright by its EXIF orientation first and then stripped
/// of EXIF, XMP, IPTC and ICC data (where a camera or phone puts its location). An image larger than
/// <see cref="MaxPixels"/> is not decoded at all (a decompression bomb is a few kilobytes of PNG).
/// </summary>
public static class ImageVariants
{
    public const int ThumbnailSide = 320;
    public const int WebSide = 1920;
    public const long MaxPixels = 50_000_000;

    public sealed record Made(int Width, int Height, byte[] Thumbnail, byte[] Web);

    public static Made Make(string path)
    {
        var info = Image.Identify(path) ?? throw new InvalidImageContentException("The image cannot be read.");
        if ((long)info.Width * info.Height > MaxPixels)
        {
            throw new InvalidImageContentException($"The image has more than {MaxPixels / 1_000_000} million pixels.");
        }

        using var image = Image.Load(path);
        image.Mutate(x => x.AutoOrient());
        return new Made(image.Width, image.Height, Encode(image, ThumbnailSide, 75), Encode(image, WebSide, 85));
    }

    /// <summary>At most <paramref name="side"/> pixels on the longer side (never enlarged); the first frame of an animation.</summary>
    private static byte[] Encode(Image image, int side, int quality)
    {
        using var copy = image.Frames.Count > 1 ? image.Frames.CloneFrame(0) : image.Clone(_ => { });
        StripMetadata(copy);
        if (copy.Width > side || copy.Height > side)
        {
            copy.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(side, side) }));
        }

        using var output = new MemoryStream();
        copy.SaveAsWebp(output, new WebpEncoder { Quality = quality, FileFormat = WebpFileFormatType.Lossy });
        return output.ToArray();
    }

    private static void StripMetadata(Image image)
    {
        image.Metadata.ExifProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.IccProfile = null;
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IccProfile = null;
        }
    }
}
