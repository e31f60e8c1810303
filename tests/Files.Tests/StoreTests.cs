using System.Security.Cryptography;
using Platform.Files.Storage;

namespace Platform.Files.Tests;

public sealed class StoreTests(FilesFixture fixture)
{
    [Fact]
    public async Task An_object_put_in_the_S3_store_comes_back_byte_for_byte_and_is_gone_once_deleted()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var bytes = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var key = $"tests/{Guid.NewGuid():N}";
        await fixture.Store.PutAsync(key, new MemoryStream(bytes), bytes.Length, "application/octet-stream", cancellationToken);

        await using (var stored = await fixture.Store.OpenReadAsync(key, cancellationToken))
        {
            using var copy = new MemoryStream();
            await stored!.CopyToAsync(copy, cancellationToken);
            // Byte for byte: no transfer framing (aws-chunked) kept as content.
            Assert.Equal(bytes, copy.ToArray());
        }

        await fixture.Store.DeleteAsync(key, cancellationToken);
        Assert.Null(await fixture.Store.OpenReadAsync(key, cancellationToken));
        await fixture.Store.DeleteAsync(key, cancellationToken);
    }

    [Fact]
    public async Task The_local_store_keeps_objects_under_its_folder()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory("platform-files-store-").FullName;
        try
        {
            var store = new LocalDiskStore(root);
            var key = StoreKeys.Variant(Guid.NewGuid(), Guid.NewGuid(), "original");
            await store.PutAsync(key, new MemoryStream([1, 2, 3]), 3, "application/octet-stream", cancellationToken);
            await using (var stored = await store.OpenReadAsync(key, cancellationToken))
            {
                Assert.Equal(3, stored!.Length);
            }

            Assert.Single(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
            await store.DeleteAsync(key, cancellationToken);
            Assert.Null(await store.OpenReadAsync(key, cancellationToken));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
