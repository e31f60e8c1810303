using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Platform.Testing;

/// <summary>Real files made by the tests: a PDF with known text, a Word document, a photo-like PNG carrying EXIF (a camera and a place), a program.</summary>
public static class TestFiles
{
    /// <summary>A PDF with one line of text per entry, 35 lines to a page.</summary>
    public static byte[] Pdf(params string[] lines)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var pageLines in lines.Chunk(35))
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            for (var i = 0; i < pageLines.Length; i++)
            {
                page.AddText(pageLines[i], 12, new PdfPoint(40, 780 - i * 20), font);
            }
        }

        return builder.Build();
    }

    public static byte[] Docx(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(text => new Paragraph(new Run(new Text(text)))).Cast<OpenXmlElement>()));
        }

        return stream.ToArray();
    }

    public static byte[] PngWithExif(int width, int height)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(40, 120, 200));
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Make, "TestCam");
        image.Metadata.ExifProfile.SetValue(ExifTag.GPSLatitudeRef, "N");
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>The start of a Linux program (ELF): enough for the sniffer, whatever the file is called.</summary>
    public static byte[] Elf() => [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, .. new byte[8184]];
}
