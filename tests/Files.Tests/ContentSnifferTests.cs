using System.Text;
using Platform.Files.Uploads;
using Platform.Testing;

namespace Platform.Files.Tests;

public sealed class ContentSnifferTests
{
    [Fact]
    public void A_type_comes_from_the_bytes_not_the_name()
    {
        Assert.Equal(new SniffedType("application/pdf", FileKind.Pdf), ContentSniffer.Sniff(TestFiles.Pdf("x"), "photo.png"));
        Assert.Equal(new SniffedType("image/png", FileKind.Image), ContentSniffer.Sniff(TestFiles.PngWithExif(4, 4), "notes.txt"));
        Assert.Equal(FileKind.Text, ContentSniffer.Sniff("# Title\nbody"u8, "report.pdf").Kind);
    }

    [Theory]
    [InlineData("setup.png")]
    [InlineData("readme.txt")]
    [InlineData("archive.zip")]
    public void A_program_is_a_program_whatever_it_is_called(string name)
    {
        Assert.Equal(FileKind.Executable, ContentSniffer.Sniff(TestFiles.Elf(), name).Kind);
        Assert.Equal(FileKind.Executable, ContentSniffer.Sniff([(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00], name).Kind);
    }

    [Fact]
    public void Text_that_starts_like_a_program_header_is_still_text() =>
        Assert.Equal(FileKind.Text, ContentSniffer.Sniff("MZ notes: the meeting moved"u8, "notes.md").Kind);

    [Fact]
    public void The_name_only_refines_what_the_bytes_allow()
    {
        var docx = TestFiles.Docx("hello");
        Assert.Equal(FileKind.Office, ContentSniffer.Sniff(docx, "spec.docx").Kind);
        Assert.Equal(new SniffedType("application/zip", FileKind.Archive), ContentSniffer.Sniff(docx, "spec.zip"));
        Assert.Equal("text/markdown", ContentSniffer.Sniff("# Design"u8, "design.md").ContentType);
        Assert.Equal("text/plain", ContentSniffer.Sniff("<svg onload=alert(1)>"u8, "logo.svg").ContentType);
    }

    [Fact]
    public void A_character_cut_by_the_end_of_the_head_does_not_make_text_binary()
    {
        var text = Encoding.UTF8.GetBytes(new string('é', ContentSniffer.HeadBytes));
        Assert.Equal(FileKind.Text, ContentSniffer.Sniff(text.AsSpan(0, ContentSniffer.HeadBytes - 1), "notes.txt").Kind);
        Assert.Equal(FileKind.Binary, ContentSniffer.Sniff([0x01, 0x02, 0x03, 0x04, 0x00, 0x05], "data.txt").Kind);
    }
}
