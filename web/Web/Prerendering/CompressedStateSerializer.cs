using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace Platform.Web.Prerendering;

/// <summary>
/// A page's handed-over state as Brotli-compressed JSON. Blazor encrypts the state before it goes into the HTML and
/// back up the circuit, and encrypted bytes do not compress on the wire: compressed here first, a 500-card board's
/// state is a tenth of its JSON. (Its content is what the page shows the same person; nothing secret rides along.)
/// A state that stays over <see cref="PrerenderedState.MaxBytes"/> is handed over as nothing: the connected page reads it again.
/// </summary>
public sealed class CompressedStateSerializer<T> : PersistentComponentStateSerializer<T>
{
    // Quality 4 of 11: most of the gain for a few milliseconds per prerender.
    private const int Quality = 4;
    private const int Window = 22;

    public override void Persist(T value, IBufferWriter<byte> writer)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web);
        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
        if (!BrotliEncoder.TryCompress(json, compressed, out var written, Quality, Window))
        {
            throw new InvalidOperationException("The page state did not compress.");
        }
        if (written <= PrerenderedState.MaxBytes)
        {
            writer.Write(compressed.AsSpan(0, written));
        }
    }

    public override T Restore(ReadOnlySequence<byte> data)
    {
        if (data.IsEmpty)
        {
            return default!;
        }
        using var brotli = new BrotliStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(brotli, JsonSerializerOptions.Web)!;
    }
}
