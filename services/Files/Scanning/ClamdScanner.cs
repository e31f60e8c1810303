using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Platform.Files.Scanning;

/// <summary>
/// ClamAV's daemon over its own protocol (clamd(8)): <c>zINSTREAM</c>, the file in chunks each headed by its length
/// (4 bytes, big-endian), a zero length to end, then one NUL-terminated reply. The address is the connection string
/// <c>clamav</c> (<c>tcp://host:port</c>). One connection per scan.
/// </summary>
public sealed class ClamdScanner(IConfiguration configuration)
{
    public const string ConnectionName = "clamav";
    private const int ChunkBytes = 64 * 1024;

    private readonly Lazy<(string Host, int Port)> _address = new(() => Parse(configuration.GetConnectionString(ConnectionName)));

    public async Task<ScanVerdict> ScanAsync(Stream content, CancellationToken cancellationToken)
    {
        try
        {
            using var client = await ConnectAsync(cancellationToken);
            await using var stream = client.GetStream();
            try
            {
                await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), cancellationToken);
                var buffer = new byte[4 + ChunkBytes];
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(4, ChunkBytes), cancellationToken)) > 0)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                    await stream.WriteAsync(buffer.AsMemory(0, 4 + read), cancellationToken);
                }

                await stream.WriteAsync(new byte[4], cancellationToken);
            }
            catch (IOException)
            {
                // clamd answers and closes as soon as the stream passes its limit: its reply is still there to read.
            }

            return ScanVerdict.FromReply(await ReadReplyAsync(stream, cancellationToken));
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return new ScanVerdict(ScanOutcome.Failed, $"The scanner could not be reached: {e.Message}");
        }
    }

    /// <summary>True when clamd answers PING.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = await ConnectAsync(cancellationToken);
            await using var stream = client.GetStream();
            await stream.WriteAsync("zPING\0"u8.ToArray(), cancellationToken);
            return (await ReadReplyAsync(stream, cancellationToken)).TrimEnd('\0') == "PONG";
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    private async Task<TcpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var (host, port) = _address.Value;
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(host, port, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<string> ReadReplyAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var reply = new MemoryStream();
        var buffer = new byte[512];
        int read;
        while (reply.Length < 4096 && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            reply.Write(buffer, 0, read);
            if (buffer[read - 1] == 0)
            {
                break;
            }
        }

        return Encoding.UTF8.GetString(reply.GetBuffer(), 0, (int)reply.Length);
    }

    private static (string Host, int Port) Parse(string? connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme != "tcp" || uri.Port <= 0)
        {
            throw new InvalidOperationException($"The connection string '{ConnectionName}' is the scanner's address, tcp://host:port.");
        }

        return (uri.Host, uri.Port);
    }
}
