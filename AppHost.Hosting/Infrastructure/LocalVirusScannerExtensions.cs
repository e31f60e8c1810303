using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// The virus scanner files are scanned by, as the connection string <c>clamav</c> (<c>tcp://host:port</c>, clamd's own
/// protocol). Locally: this machine's <c>clamd</c> (Debian's clamav-daemon) run as an executable, with a configuration
/// and a signature folder of its own under the data folder. No signatures are downloaded here: the folder always holds
/// a signature for the EICAR test file (so a scan can be shown to work), and the signature files of the folders
/// <c>LocalInfrastructure:ClamAvSignatures</c> names (';'-separated: the tests' own made with sigtool, or freshclam's
/// /var/lib/clamav on a machine that downloads them). With a container runtime: ClamAV's image, which downloads its
/// own. Published: a connection string the deployment provides.
/// </summary>
public static class LocalVirusScannerExtensions
{
    public const string ConnectionName = "clamav";
    public const string PortConfigurationKey = "LocalInfrastructure:ClamAvPort";
    public const string SignaturesConfigurationKey = "LocalInfrastructure:ClamAvSignatures";
    public const string BinaryConfigurationKey = "LocalInfrastructure:ClamdBinary";

    /// <summary>The largest stream clamd scans: more than the largest upload (files refuses larger ones before they get here).</summary>
    public const string StreamMaxLength = "256M";

    /// <summary>The EICAR test file's signature (its distinctive text, as clamd's body-signature format writes it).</summary>
    public static readonly string EicarSignature =
        $"Platform.Test.EICAR:0:*:{Convert.ToHexStringLower("EICAR-STANDARD-ANTIVIRUS-TEST-FILE"u8)}";

    private static readonly string[] SignatureExtensions = [".ndb", ".hdb", ".hsb", ".mdb", ".msb", ".ldb", ".cvd", ".cld", ".cud", ".ign2", ".fp", ".sfp"];

    public static (IResourceBuilder<IResourceWithEndpoints>? Server, IResourceBuilder<IResourceWithConnectionString> Connection) AddVirusScanner(
        this IDistributedApplicationBuilder builder, InfrastructureMode mode)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return (null, builder.AddConnectionString(ConnectionName));
        }

        var server = mode == InfrastructureMode.Containers
            ? builder.AddContainer(ConnectionName, "clamav/clamav", "1.4").WithEndpoint(name: "tcp", scheme: "tcp", targetPort: 3310)
            : AddExecutable(builder);
        var endpoint = server.GetEndpoint("tcp");
        var connection = builder.AddConnectionString($"{ConnectionName}-address",
            ReferenceExpression.Create($"tcp://{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}"));
        return (server, connection);
    }

    private static IResourceBuilder<IResourceWithEndpoints> AddExecutable(IDistributedApplicationBuilder builder)
    {
        var folder = Path.Combine(LocalDataFolder.Resolve(builder), "clamav");
        var database = Path.Combine(folder, "signatures");
        var configuration = Path.Combine(folder, "clamd.conf");
        var binary = builder.Configuration[BinaryConfigurationKey] ?? "/usr/sbin/clamd";
        var port = LocalPort.Choose(builder, PortConfigurationKey, 3310, ConnectionName);
        var healthCheckKey = $"{ConnectionName}_ping";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckKey, _ => new ClamdPingHealthCheck(port), failureStatus: default, tags: default));

        var server = builder.AddExecutable(ConnectionName, binary, folder, "--foreground", $"--config-file={configuration}")
            .WithEndpoint("tcp", endpoint => (endpoint.UriScheme, endpoint.Port, endpoint.TargetPort, endpoint.IsProxied) = ("tcp", port, port, false))
            .WithHealthCheck(healthCheckKey)
            .WithIconName("ShieldCheckmark")
            .ExcludeFromManifest();
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server.Resource, async (@event, cancellationToken) =>
        {
            if (!File.Exists(binary))
            {
                var message = $"clamd is not installed at {binary}: install Debian's clamav-daemon (the README's commands do).";
                @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server.Resource).LogError("{Message}", message);
                throw new DistributedApplicationException(message);
            }

            Directory.CreateDirectory(database);
            foreach (var stale in Directory.EnumerateFiles(database))
            {
                File.Delete(stale);
            }

            await File.WriteAllTextAsync(Path.Combine(database, "platform-test.ndb"), EicarSignature + "\n", cancellationToken);
            foreach (var source in (builder.Configuration[SignaturesConfigurationKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                foreach (var signatures in Directory.EnumerateFiles(source).Where(f => SignatureExtensions.Contains(Path.GetExtension(f))))
                {
                    File.Copy(signatures, Path.Combine(database, Path.GetFileName(signatures)), overwrite: true);
                }
            }

            await File.WriteAllTextAsync(configuration, string.Join('\n',
                "Foreground yes",
                $"DatabaseDirectory {database}",
                "TCPAddr 127.0.0.1",
                $"TCPSocket {port.ToString(CultureInfo.InvariantCulture)}",
                $"StreamMaxLength {StreamMaxLength}",
                $"MaxFileSize {StreamMaxLength}",
                $"MaxScanSize {StreamMaxLength}",
                "LogTime yes",
                "LogVerbose no",
                "") , cancellationToken);
        });
        return server;
    }

    /// <summary>Healthy once clamd answers PING (its signatures are loaded by then).</summary>
    private sealed class ClamdPingHealthCheck(int port) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                await using var stream = client.GetStream();
                await stream.WriteAsync("zPING\0"u8.ToArray(), cancellationToken);
                var reply = new byte[8];
                var read = await stream.ReadAsync(reply, cancellationToken);
                return reply.AsSpan(0, read).StartsWith("PONG"u8) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("clamd did not answer PONG.");
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
            {
                return HealthCheckResult.Unhealthy("clamd does not answer yet.", e);
            }
        }
    }
}
