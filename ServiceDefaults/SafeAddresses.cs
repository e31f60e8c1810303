using System.Net;
using System.Net.Sockets;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Requests to addresses a customer names (webhooks, an organization's own model server) reach only public addresses: an endpoint's address (or the name it resolves to, at the moment of
/// connecting, so a DNS answer that changes after it was checked does not help) must not be loopback, private,
/// link-local (the cloud metadata server), carrier-grade NAT, multicast or unspecified, unless the deployment allows
/// private addresses (<c>Webhooks:Outbound:AllowPrivateAddresses</c>, <c>Ai:AllowPrivateModelEndpoints</c>: for tests and closed networks).
/// </summary>
public static class SafeAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast.
            return (bytes[0] & 0xFE) != 0xFC && !(bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80) && bytes[0] != 0xFF && !address.IsIPv6SiteLocal;
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 0 || b[0] == 10 || b[0] == 127
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)
            || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
            || b[0] >= 224);
    }

    /// <summary>
    /// The HTTP handler of outbound deliveries: it connects only to addresses <see cref="IsPublic"/> allows (when
    /// <paramref name="allowPrivate"/> is false), follows no redirects, and keeps no cookies.
    /// </summary>
    public static SocketsHttpHandler Handler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToArray();
            if (allowed.Length == 0)
            {
                throw new RefusedAddressException(context.DnsEndPoint.Host);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}

/// <summary>The endpoint's host resolves only to addresses outbound requests may not reach.</summary>
public sealed class RefusedAddressException(string host)
    : IOException($"{host} resolves only to private, loopback or link-local addresses, which the platform does not send requests to.");
