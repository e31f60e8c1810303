using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Platform.Files.Uploads;
using Drawing = DocumentFormat.OpenXml.Drawing;
using Spreadsheet = DocumentFormat.OpenXml.Spreadsheet;
using Wordprocessing = DocumentFormat.OpenXml.Wordprocessing;

namespace Platform.Files.Processing;

/// <summary>
/// The text inside a file, for search and AI assistants: a PDF's pages in reading order (PdfPig), a Word document's
/// paragraphs, a spreadsheet's strings, a presentation's slides in order (Open XML), a text file (markdown, source code,
/// logs) as it is. At most <see cref="MaxCharacters"/>; an Office part's size is capped while it is read (a ZIP bomb
/// stops there). Null when the kind has no text.
/// </summary>
public static class TextExtraction
{
    public const int MaxCharacters = 500_000;
    private const int MaxPdfPages = 2_000;

    public static string? Extract(string path, SniffedType type) => type.Kind switch
    {
        FileKind.Pdf => Pdf(path),
        FileKind.Office => Office(path, type.ContentType),
        FileKind.Text => PlainText(path),
        _ => null,
    };

    private static string Pdf(string path)
    {
        using var document = PdfDocument.Open(path);
        var text = new StringBuilder();
        foreach (var page in document.GetPages().Take(MaxPdfPages))
        {
            if (!Append(text, ContentOrderTextExtractor.GetText(page)))
            {
                break;
            }
        }

        return text.ToString();
    }

    private static string? Office(string path, string contentType)
    {
        var settings = new OpenSettings { MaxCharactersInPart = 20_000_000 };
        var text = new StringBuilder();
        if (contentType.EndsWith("wordprocessingml.document", StringComparison.Ordinal))
        {
            using var document = WordprocessingDocument.Open(path, false, settings);
            foreach (var paragraph in document.MainDocumentPart?.Document?.Body?.Descendants<Wordprocessing.Paragraph>() ?? [])
            {
                if (!Append(text, paragraph.InnerText))
                {
                    break;
                }
            }
        }
        else if (contentType.EndsWith("spreadsheetml.sheet", StringComparison.Ordinal))
        {
            using var document = SpreadsheetDocument.Open(path, false, settings);
            foreach (var item in document.WorkbookPart?.SharedStringTablePart?.SharedStringTable?.Elements<Spreadsheet.SharedStringItem>() ?? [])
            {
                if (!Append(text, item.InnerText))
                {
                    break;
                }
            }
        }
        else if (contentType.EndsWith("presentationml.presentation", StringComparison.Ordinal))
        {
            using var document = PresentationDocument.Open(path, false, settings);
            var presentation = document.PresentationPart;
            foreach (var slideId in presentation?.Presentation?.SlideIdList?.Elements<DocumentFormat.OpenXml.Presentation.SlideId>() ?? [])
            {
                if (slideId.RelationshipId?.Value is { } relationship && presentation!.GetPartById(relationship) is SlidePart slide
                    && !Append(text, string.Join(' ', slide.Slide?.Descendants<Drawing.Text>().Select(t => t.Text) ?? [])))
                {
                    break;
                }
            }
        }

        return text.ToString();
    }

    private static string PlainText(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[MaxCharacters];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read);
    }

    /// <summary>Adds a block of text on its own line; false once the text is as long as it may get.</summary>
    private static bool Append(StringBuilder text, string block)
    {
        block = block.Trim();
        if (block.Length == 0)
        {
            return true;
        }

        if (text.Length > 0)
        {
            text.Append('\n');
        }

        text.Append(block.AsSpan(0, Math.Min(block.Length, MaxCharacters - text.Length)));
        return text.Length < MaxCharacters;
    }

    /// <summary>
    /// Whether a ZIP named as an Office document is one: its content types part and the main part of its kind are there
    /// (a ZIP renamed .docx is an archive).
    /// </summary>
    public static bool IsOfficeDocument(string path, string contentType)
    {
        using var zip = ZipFile.OpenRead(path);
        var main = contentType switch
        {
            _ when contentType.EndsWith("wordprocessingml.document", StringComparison.Ordinal) => "word/document.xml",
            _ when contentType.EndsWith("spreadsheetml.sheet", StringComparison.Ordinal) => "xl/workbook.xml",
            _ => "ppt/presentation.xml",
        };
        return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry(main) is not null;
    }
}
