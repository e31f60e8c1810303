using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Notifications.Data;

namespace Platform.Notifications.Push;

/// <summary>The keys of a browser's PushSubscription, as its toJSON() gives them.</summary>
public sealed record PushKeys(string? P256dh, string? Auth);

/// <summary>A browser's PushSubscription as its toJSON() gives it, and a name the person recognises it by.</summary>
public sealed record PushDeviceInput(string? Endpoint, PushKeys? Keys, string? Label)
{
    public const int MaxLabel = 100;

    public Dictionary<string, string[]> Validate(PushOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || Endpoint.Length > 2000 || !IsPushService(endpoint, options))
        {
            errors["endpoint"] = [$"The endpoint of the browser's PushSubscription: an https address of a push service ({string.Join(", ", options.ServiceHosts)})."];
        }

        if (!IsPublicKey(Keys?.P256dh))
        {
            errors["keys.p256dh"] = ["The subscription's p256dh key: a P-256 public key, uncompressed, base64url."];
        }

        if (Decoded(Keys?.Auth) is not { Length: 16 })
        {
            errors["keys.auth"] = ["The subscription's auth secret: 16 bytes, base64url."];
        }

        if (Label is { Length: > MaxLabel })
        {
            errors["label"] = [$"At most {MaxLabel} characters."];
        }

        return errors;
    }

    private static bool IsPushService(Uri endpoint, PushOptions options) =>
        (endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback))
        && options.ServiceHosts.Any(host => endpoint.Host.Equals(host, StringComparison.OrdinalIgnoreCase)
            || endpoint.Host.EndsWith("." + host, StringComparison.OrdinalIgnoreCase));

    private static bool IsPublicKey(string? value)
    {
        if (Decoded(value) is not { Length: 65 } point || point[0] != 0x04)
        {
            return false;
        }

        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
            return true;
        }
        catch (CryptographicException)
        {
            return false; // Not a point on the curve.
        }
    }

    private static byte[]? Decoded(string? value)
    {
        try
        {
            return value is { Length: > 0 and < 200 } ? WebEncoders.Base64UrlDecode(value) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>One of the person's browsers with push turned on.</summary>
public sealed record PushDeviceView(Guid Id, string Label, string Endpoint, DateTimeOffset CreatedAt, DateTimeOffset? LastPushedAt)
{
    public static PushDeviceView Of(PushDevice d) => new(d.Id, d.Label, d.Endpoint, d.CreatedAt, d.LastPushedAt);
}

/// <summary>The browsers people turned push on in: adding one (again), listing and removing a person's own.</summary>
public sealed class PushDevices(NotificationsDbContext db, TimeProvider clock, IOptions<PushOptions> options)
{
    public Task<List<PushDeviceView>> ListAsync(Guid user, CancellationToken cancellationToken) =>
        db.PushDevices.AsNoTracking().Where(d => d.UserId == user).OrderBy(d => d.CreatedAt).Select(d => PushDeviceView.Of(d)).ToListAsync(cancellationToken);

    /// <summary>
    /// The browser pushes to <paramref name="user"/> from now on: subscribing again refreshes its keys (and moves it to
    /// whoever is signed in there now); past the limit, the person's longest unused browser makes room.
    /// </summary>
    public async Task<PushDeviceView> AddAsync(Guid organizationId, Guid user, PushDeviceInput input, CancellationToken cancellationToken)
    {
        var device = await db.PushDevices.SingleOrDefaultAsync(d => d.Endpoint == input.Endpoint, cancellationToken);
        if (device is null)
        {
            var theirs = await db.PushDevices.Where(d => d.UserId == user).OrderBy(d => d.LastPushedAt ?? d.CreatedAt).ToListAsync(cancellationToken);
            db.PushDevices.RemoveRange(theirs.Take(theirs.Count - options.Value.MaxDevicesPerPerson + 1));
            db.PushDevices.Add(device = new PushDevice
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = organizationId,
                Endpoint = input.Endpoint!,
                PublicKey = "",
                AuthSecret = "",
                Label = "",
                CreatedAt = clock.GetUtcNow(),
            });
        }

        (device.UserId, device.PublicKey, device.AuthSecret) = (user, input.Keys!.P256dh!, input.Keys.Auth!);
        device.Label = string.IsNullOrWhiteSpace(input.Label) ? "A browser" : input.Label.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return PushDeviceView.Of(device);
    }

    public async Task<bool> RemoveAsync(Guid user, Guid id, CancellationToken cancellationToken) =>
        await db.PushDevices.Where(d => d.UserId == user && d.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
}
