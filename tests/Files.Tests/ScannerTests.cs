using Microsoft.Extensions.Configuration;
using Platform.Files.Scanning;
using Platform.Testing;

namespace Platform.Files.Tests;

public sealed class ScannerTests(FilesFixture fixture)
{
    private ClamdScanner Scanner => new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:clamav"] = fixture.ScannerAddress }).Build());

    [Fact]
    public async Task Clamd_finds_the_eicar_test_file_and_the_sample_signed_by_sigtool()
    {
        var eicar = await Scanner.ScanAsync(new MemoryStream(TestSignatures.Eicar), TestContext.Current.CancellationToken);
        Assert.Equal(ScanOutcome.Infected, eicar.Outcome);
        Assert.Contains("EICAR", eicar.Detail);

        var sample = await Scanner.ScanAsync(new MemoryStream(fixture.Signatures.Sample), TestContext.Current.CancellationToken);
        Assert.Equal(ScanOutcome.Infected, sample.Outcome);
        Assert.StartsWith(TestSignatures.SampleSignature, sample.Detail);
    }

    [Fact]
    public async Task A_clean_file_is_clean_and_a_scanner_that_is_not_there_gives_no_verdict()
    {
        Assert.Equal(ScanVerdict.Clean, await Scanner.ScanAsync(new MemoryStream(TestFiles.Pdf("Quarterly report")), TestContext.Current.CancellationToken));
        Assert.True(await Scanner.PingAsync(TestContext.Current.CancellationToken));

        var nowhere = new ClamdScanner(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:clamav"] = "tcp://127.0.0.1:1" }).Build());
        Assert.Equal(ScanOutcome.Failed, (await nowhere.ScanAsync(new MemoryStream([1, 2, 3]), TestContext.Current.CancellationToken)).Outcome);
        Assert.False(await nowhere.PingAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("stream: OK", ScanOutcome.Clean, null)]
    [InlineData("stream: Win.Test.EICAR_HDB-1 FOUND", ScanOutcome.Infected, "Win.Test.EICAR_HDB-1")]
    [InlineData("INSTREAM size limit exceeded. ERROR", ScanOutcome.Failed, "INSTREAM size limit exceeded. ERROR")]
    public void Clamd_replies_are_read(string reply, ScanOutcome outcome, string? detail) =>
        Assert.Equal(new ScanVerdict(outcome, detail), ScanVerdict.FromReply(reply + "\0"));
}
