using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Contracts;
using Platform.EventBus.CloudEvents;
using Platform.EventBus.Outbox;
using Platform.Files.Attachments;
using Platform.Files.Data;
using Platform.Files.Processing;
using Platform.Files.Scanning;
using Platform.Files.Storage;
using Platform.Files.Uploads;
using Platform.Testing;
using SixLabors.ImageSharp;

namespace Platform.Files.Tests;

public sealed class ProcessingTests(FilesFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pdf_is_scanned_stored_with_its_hash_and_its_text_published_for_search()
    {
        var organization = Guid.NewGuid();
        var pdf = TestFiles.Pdf("Design review of the ingestion pipeline", "The retention window is 45 days");
        var file = await fixture.UploadAsync(organization, "review.pdf", pdf);
        Assert.Equal(FileStatus.Pending, file.Status);
        Assert.Equal("application/pdf", file.ContentType);

        await fixture.ProcessAsync();

        var done = (await fixture.FindAsync(organization, file.Id))!;
        Assert.Equal(FileStatus.Clean, done.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), done.Sha256);
        Assert.Empty(done.Parts);
        var extracted = Assert.Single(await EventsAsync<FileTextExtracted>(organization));
        Assert.Contains("retention window is 45 days", extracted.Text);
        Assert.Equal(done.TaskId, extracted.TaskId);
        await using var original = await fixture.Store.OpenReadAsync(StoreKeys.Variant(organization, file.Id, FileVariant.Original), Cancellation);
        Assert.NotNull(original);
    }

    [Fact]
    public async Task A_word_document_gives_its_paragraphs_and_a_zip_named_docx_is_an_archive()
    {
        var organization = Guid.NewGuid();
        var docx = await fixture.UploadAsync(organization, "spec.docx", TestFiles.Docx("Acceptance criteria", "Exports finish within two minutes"));
        var fake = await fixture.UploadAsync(organization, "fake.docx", ZipWithoutWordParts());
        await fixture.ProcessAsync();

        var text = await fixture.InTenantAsync(organization, services => services.GetRequiredService<FilesDbContext>().Texts.SingleAsync(t => t.FileId == docx.Id, Cancellation));
        Assert.Equal("Acceptance criteria\nExports finish within two minutes", text.Text);
        var archive = (await fixture.FindAsync(organization, fake.Id))!;
        Assert.Equal((FileStatus.Clean, "application/zip", 0), (archive.Status, archive.ContentType, archive.TextLength));
    }

    [Fact]
    public async Task An_image_gets_a_thumbnail_and_a_web_copy_without_its_exif_and_deleting_it_removes_every_variant()
    {
        var organization = Guid.NewGuid();
        var file = await fixture.UploadAsync(organization, "screenshot.png", TestFiles.PngWithExif(1280, 800));
        await fixture.ProcessAsync();

        var done = (await fixture.FindAsync(organization, file.Id))!;
        Assert.Equal((1280, 800), (done.Width, done.Height));
        Assert.Equal([FileVariant.Thumbnail, FileVariant.Web], done.Variants);
        var thumbnail = Image.Identify(await ReadAsync(StoreKeys.Variant(organization, file.Id, FileVariant.Thumbnail)));
        Assert.Equal((320, 200), (thumbnail.Width, thumbnail.Height));
        Assert.Null(thumbnail.Metadata.ExifProfile);
        var web = Image.Identify(await ReadAsync(StoreKeys.Variant(organization, file.Id, FileVariant.Web)));
        Assert.Equal((1280, 800), (web.Width, web.Height));
        Assert.Null(web.Metadata.ExifProfile);

        await fixture.InTenantAsync(organization, async services =>
        {
            var deletion = services.GetRequiredService<FileDeletion>();
            await deletion.DeleteAsync([done], Cancellation);
            await deletion.DeleteObjectsAsync([done], Cancellation);
            return 0;
        });
        foreach (var variant in new[] { FileVariant.Original, FileVariant.Thumbnail, FileVariant.Web })
        {
            Assert.Null(await fixture.Store.OpenReadAsync(StoreKeys.Variant(organization, file.Id, variant), Cancellation));
        }

        Assert.Null(await fixture.FindAsync(organization, file.Id));
        Assert.Single(await EventsAsync<FileDeleted>(organization));
    }

    [Fact]
    public async Task A_deleted_task_takes_its_attachments_with_every_variant()
    {
        var organization = Guid.NewGuid();
        var image = await fixture.UploadAsync(organization, "shot.png", TestFiles.PngWithExif(400, 300));
        await fixture.ProcessAsync();
        var other = await fixture.UploadAsync(organization, "other.md", "# Elsewhere"u8.ToArray());

        await fixture.PublishAsync(new Contracts.Tasks.TaskDeleted(image.TaskId!.Value, Guid.NewGuid(), "GONE-1") { OrganizationId = organization });

        Assert.Null(await fixture.FindAsync(organization, image.Id));
        Assert.NotNull(await fixture.FindAsync(organization, other.Id));
        Assert.Single(await EventsAsync<FileDeleted>(organization));
        // The objects go once the event's transaction committed.
        await Eventually.TrueAsync(async () =>
        {
            foreach (var variant in new[] { FileVariant.Original, FileVariant.Thumbnail, FileVariant.Web })
            {
                await using var left = await fixture.Store.OpenReadAsync(StoreKeys.Variant(organization, image.Id, variant), Cancellation);
                if (left is not null)
                {
                    return false;
                }
            }

            return true;
        });
        Assert.Equal(1, (await UsageAsync(organization))!.Files);
    }

    [Fact]
    public async Task An_infected_upload_is_quarantined_never_stored_as_a_file_and_its_uploader_is_told()
    {
        var organization = Guid.NewGuid();
        var uploader = Guid.NewGuid();
        var eicar = await fixture.UploadAsync(organization, "harmless.txt", TestSignatures.Eicar, uploader);
        var sample = await fixture.UploadAsync(organization, "sample.bin", fixture.Signatures.Sample, uploader);
        await fixture.ProcessAsync();

        foreach (var upload in new[] { eicar, sample })
        {
            var infected = (await fixture.FindAsync(organization, upload.Id))!;
            Assert.Equal(FileStatus.Infected, infected.Status);
            Assert.Null(await fixture.Store.OpenReadAsync(StoreKeys.Variant(organization, upload.Id, FileVariant.Original), Cancellation));
            await using var quarantined = await fixture.Store.OpenReadAsync(StoreKeys.Quarantine(organization, upload.Id), Cancellation);
            Assert.NotNull(quarantined);
            Assert.Null(FileView.Of(infected, fixture.Host.Services.GetRequiredService<Downloads.SignedLinks>(), "").Links);
        }

        var told = await EventsAsync<FileQuarantined>(organization);
        Assert.Equal(2, told.Count);
        Assert.All(told, notice => Assert.Equal(uploader, notice.UploadedBy));
        Assert.Contains(told, notice => notice.Signature.StartsWith(TestSignatures.SampleSignature, StringComparison.Ordinal));
        Assert.Empty(await EventsAsync<FileTextExtracted>(organization));
    }

    [Fact]
    public async Task A_program_is_refused_by_its_first_bytes_and_gives_its_quota_back()
    {
        var organization = Guid.NewGuid();
        var refused = await fixture.InTenantAsync(organization, async services =>
        {
            var uploads = services.GetRequiredService<Uploads.Uploads>();
            var file = await uploads.CreateAsync(organization, Guid.NewGuid(), "diagram.png", 8192, Target(), Cancellation);
            return await uploads.AppendAsync(file!.Id, 0, new MemoryStream(TestFiles.Elf()), Cancellation);
        });

        Assert.Equal(AppendOutcome.Refused, refused.Outcome);
        Assert.Null(await fixture.FindAsync(organization, refused.File!.Id));
        Assert.Equal(0, (await UsageAsync(organization))?.Bytes ?? 0);
    }

    [Fact]
    public async Task An_upload_cut_off_keeps_what_arrived_and_resumes_from_there()
    {
        var organization = Guid.NewGuid();
        var content = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"log line {i}: request served")));
        var file = await fixture.InTenantAsync(organization, services =>
            services.GetRequiredService<Uploads.Uploads>().CreateAsync(organization, Guid.NewGuid(), "server.log", content.Length, Target(), Cancellation));

        var cut = await AppendAsync(organization, file!.Id, 0, new CutOffStream(content, 100_000));
        Assert.Equal((AppendOutcome.Appended, 100_000L), (cut.Outcome, cut.Offset));
        var stale = await AppendAsync(organization, file.Id, 0, new MemoryStream(content));
        Assert.Equal((AppendOutcome.OffsetMismatch, 100_000L), (stale.Outcome, stale.Offset));
        var rest = await AppendAsync(organization, file.Id, 100_000, new MemoryStream(content[100_000..]));
        Assert.Equal((AppendOutcome.Appended, (long)content.Length), (rest.Outcome, rest.Offset));

        await fixture.ProcessAsync();
        var done = (await fixture.FindAsync(organization, file.Id))!;
        Assert.Equal((FileStatus.Clean, "text/plain"), (done.Status, done.ContentType));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), done.Sha256);
    }

    [Fact]
    public async Task The_quota_is_taken_when_an_upload_is_announced_and_given_back_when_it_is_abandoned()
    {
        var organization = Guid.NewGuid();
        var (first, second, third) = await fixture.InTenantAsync(organization, async services =>
        {
            var uploads = services.GetRequiredService<Uploads.Uploads>();
            var first = await uploads.CreateAsync(organization, Guid.NewGuid(), "a.bin", 40L * 1024 * 1024, Target(), Cancellation);
            var second = await uploads.CreateAsync(organization, Guid.NewGuid(), "b.bin", 30L * 1024 * 1024, Target(), Cancellation);
            Assert.True(await uploads.TerminateAsync(first!.Id, Cancellation));
            var third = await uploads.CreateAsync(organization, Guid.NewGuid(), "c.bin", 30L * 1024 * 1024, Target(), Cancellation);
            return (first, second, third);
        });

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(third);
        Assert.Equal((30L * 1024 * 1024, 1), ((await UsageAsync(organization))!.Bytes, (await UsageAsync(organization))!.Files));
        Assert.Null(await UsageAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task A_file_stays_pending_while_the_scanner_does_not_answer_and_is_tried_again_later()
    {
        var organization = Guid.NewGuid();
        var file = await fixture.UploadAsync(organization, "notes.md", "# Notes"u8.ToArray());
        var nowhere = new ClamdScanner(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:clamav"] = "tcp://127.0.0.1:1" }).Build());
        var before = DateTimeOffset.UtcNow;
        await fixture.InTenantAsync(organization, async services =>
        {
            var scan = new FileScan(services.GetRequiredService<FilesDbContext>(), fixture.Store, nowhere, services.GetRequiredService<FilesMetrics>(),
                TimeProvider.System, NullLogger<FileScan>.Instance, services.GetRequiredService<Uploads.Uploads>(), services.GetRequiredService<FileDeletion>());
            await scan.RunAsync(file.Id, attempts: 1, Cancellation);
            return 0;
        });

        var pending = (await fixture.FindAsync(organization, file.Id))!;
        Assert.Equal(FileStatus.Pending, pending.Status);
        Assert.Contains("could not be reached", pending.ScanResult);
        var queued = await fixture.InTenantAsync(organization, services => services.GetRequiredService<FilesDbContext>().Queue.SingleAsync(q => q.FileId == file.Id, Cancellation));
        Assert.True(queued.DueAt >= before + FileScan.RetryAfter(1) - TimeSpan.FromSeconds(1));

        await fixture.InTenantAsync(organization, services => services.GetRequiredService<FilesDbContext>().Queue
            .Where(q => q.FileId == file.Id).ExecuteUpdateAsync(q => q.SetProperty(x => x.DueAt, DateTimeOffset.UtcNow), Cancellation));
        await fixture.ProcessAsync();
        Assert.Equal(FileStatus.Clean, (await fixture.FindAsync(organization, file.Id))!.Status);
    }

    [Fact]
    public async Task An_upload_left_unfinished_expires_with_its_parts_and_gives_its_quota_back()
    {
        var organization = Guid.NewGuid();
        var file = await fixture.InTenantAsync(organization, services =>
            services.GetRequiredService<Uploads.Uploads>().CreateAsync(organization, Guid.NewGuid(), "half.log", 20_000, Target(), Cancellation));
        var half = await AppendAsync(organization, file!.Id, 0, new MemoryStream(new byte[10_000]));
        var part = StoreKeys.Part(organization, file.Id, half.File!.Parts.Single());
        await fixture.ProcessAsync();
        Assert.Equal(FileStatus.Uploading, (await fixture.FindAsync(organization, file.Id))!.Status);

        // A day later (its announcement moved back a day), the processor finds it due.
        await fixture.InTenantAsync(organization, async services =>
        {
            var db = services.GetRequiredService<FilesDbContext>();
            await db.Files.Where(f => f.Id == file.Id).ExecuteUpdateAsync(f => f.SetProperty(x => x.CreatedAt, x => x.CreatedAt.AddDays(-1)), Cancellation);
            return await db.Queue.Where(q => q.FileId == file.Id).ExecuteUpdateAsync(q => q.SetProperty(x => x.DueAt, DateTimeOffset.UtcNow), Cancellation);
        });
        await fixture.ProcessAsync();

        Assert.Null(await fixture.FindAsync(organization, file.Id));
        Assert.Null(await fixture.Store.OpenReadAsync(part, Cancellation));
        Assert.Equal((0L, 0), ((await UsageAsync(organization))!.Bytes, (await UsageAsync(organization))!.Files));
    }

    private Task<AppendResult> AppendAsync(Guid organization, Guid id, long offset, Stream body) =>
        fixture.InTenantAsync(organization, services => services.GetRequiredService<Uploads.Uploads>().AppendAsync(id, offset, body, Cancellation));

    private Task<OrganizationUsage?> UsageAsync(Guid organization) => fixture.InTenantAsync(organization, services =>
        services.GetRequiredService<FilesDbContext>().Usage.AsNoTracking().FirstOrDefaultAsync(u => u.OrganizationId == organization, Cancellation));

    private Task<List<T>> EventsAsync<T>(Guid organization) where T : IntegrationEvent => fixture.InTenantAsync(organization, async services =>
    {
        var type = EventBus.EventType.Of<T>().Name;
        var messages = await services.GetRequiredService<FilesDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == type).ToListAsync(Cancellation);
        return messages.Select(m => (T)CloudEventJson.ReadEvent(CloudEventJson.TryParse(CloudEventJson.Serialize(m, "tests"), out _)!, typeof(T))).ToList();
    });

    private async Task<byte[]> ReadAsync(string key)
    {
        await using var stored = await fixture.Store.OpenReadAsync(key, Cancellation);
        using var copy = new MemoryStream();
        await stored!.CopyToAsync(copy, Cancellation);
        return copy.ToArray();
    }

    private static AttachmentTarget Target()
    {
        var task = Guid.NewGuid();
        return new AttachmentTarget(TargetKinds.Task, task, task, null);
    }

    private static byte[] ZipWithoutWordParts()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var entry = new StreamWriter(zip.CreateEntry("notes.txt").Open());
            entry.Write("not a document");
        }

        return stream.ToArray();
    }

    /// <summary>A request body whose client goes away after <paramref name="cutAt"/> bytes.</summary>
    private sealed class CutOffStream(byte[] content, int cutAt) : MemoryStream(content, 0, cutAt)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("The client went away.");
        }
    }
}
