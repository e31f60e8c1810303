using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Platform.Testing;

namespace Platform.Files.Tests;

/// <summary>
/// s3rver (npm, in <c>tests/Files.Tests/s3rver</c>): a real S3-compatible server on loopback, keeping objects in a
/// folder, with one bucket. It takes the access key <c>S3RVER</c> (secret <c>S3RVER</c>).
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    public const string Bucket = "platform-files-tests";
    public const string AccessKey = "S3RVER";

    private readonly Process _process;
    private readonly string _folder;

    private S3Server(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public string Folder => _folder;

    public static async Task<S3Server> StartAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(TestFolders.RepositoryRoot, "tests", "Files.Tests", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException("s3rver is not installed: run `npm ci --prefix tests/Files.Tests/s3rver` (the README's commands do).");
        }

        var folder = Directory.CreateTempSubdirectory("platform-s3-").FullName;
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo("node",
            [script, "--directory", folder, "--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--configure-bucket", Bucket])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("node did not start.");
        var address = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(address, cancellationToken);
                return new S3Server(process, folder, address);
            }
            catch (HttpRequestException) when (attempt < 100 && !process.HasExited)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
