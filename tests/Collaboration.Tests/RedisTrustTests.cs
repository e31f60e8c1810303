using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Platform.Collaboration.Tests;

/// <summary>
/// Where the Redis server's certificate is signed by its own authority (Memorystore's TLS), the clients trust that
/// authority for the Redis connection: against a real Redis serving TLS only, a client given the authority connects,
/// and one without it is refused.
/// </summary>
public sealed class RedisTrustTests
{
    [Fact]
    public async Task A_client_given_the_servers_authority_connects_over_TLS_and_one_without_it_does_not()
    {
        var folder = Directory.CreateTempSubdirectory("redis-tls-");
        var port = FreePort();
        using var authority = Authority("CN=Memorystore test CA");
        using var server = Signed(authority, "CN=localhost");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "ca.pem"), authority.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "server.pem"), server.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "server.key"), server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
        using var redis = Process.Start(new ProcessStartInfo("redis-server",
        [
            "--port", "0", "--tls-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--tls-cert-file", "server.pem", "--tls-key-file", "server.key", "--tls-ca-cert-file", "ca.pem", "--tls-auth-clients", "no",
            "--save", "", "--appendonly", "no",
        ]) { WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            var endpoint = $"localhost:{port},ssl=true,sslHost=localhost,abortConnect=false,connectTimeout=2000";
            var trusting = ConfigurationOptions.Parse(endpoint);
            Extensions.TrustRedisIssuer(trusting, new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [Extensions.RedisCaSetting] = Path.Combine(folder.FullName, "ca.pem") }).Build());
            await using var trusted = await ConnectionMultiplexer.ConnectAsync(trusting);
            await Platform.Testing.Eventually.TrueAsync(() => Task.FromResult(trusted.IsConnected));
            Assert.True((await trusted.GetDatabase().PingAsync()) >= TimeSpan.Zero);

            var plain = ConfigurationOptions.Parse(endpoint);
            Extensions.TrustRedisIssuer(plain, new ConfigurationBuilder().Build());
            await using var untrusted = await ConnectionMultiplexer.ConnectAsync(plain);
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            Assert.False(untrusted.IsConnected);
        }
        finally
        {
            redis.Kill();
            folder.Delete(recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static X509Certificate2 Authority(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Signed(X509Certificate2 authority, string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), Guid.NewGuid().ToByteArray());
        return issued.CopyWithPrivateKey(key);
    }
}
