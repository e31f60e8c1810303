using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Buffers.Text;

namespace Platform.Testing;

/// <summary>
/// A push service on loopback (HttpListener) and the browsers subscribed to it: each browser has its own P-256 key pair
/// and auth secret, as a real one does, so a message is read back only by decrypting it (RFC 8291, aes128gcm) and its
/// VAPID signature (RFC 8292) is checked against the key it names. A browser's endpoint answers the status the test sets.
/// </summary>
public sealed class TestPushService : IDisposable
{
    private readonly HttpListener _listener = new();

    public sealed record Pushed(string Browser, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    public ConcurrentQueue<Pushed> Received { get; } = new();

    /// <summary>The status each browser's endpoint answers (201 unless set).</summary>
    public ConcurrentDictionary<string, int> Answers { get; } = new();

    public string Address { get; }

    public TestPushService()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Address = $"http://127.0.0.1:{port}/push/";
        _listener.Prefixes.Add(Address);
        _listener.Start();
        _ = Task.Run(ListenAsync);
    }

    public Browser NewBrowser() => new(Address + Guid.NewGuid().ToString("N"));

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var browser = context.Request.Url!.AbsolutePath.Split('/')[^1];
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k.ToLowerInvariant(), k => context.Request.Headers[k]!);
            Received.Enqueue(new Pushed(browser, headers, body.ToArray()));
            context.Response.StatusCode = Answers.GetValueOrDefault(browser, 201);
            context.Response.Close();
        }
    }

    public Pushed[] To(Browser browser) => [.. Received.Where(p => browser.Endpoint.EndsWith(p.Browser, StringComparison.Ordinal))];

    public void Dispose() => _listener.Close();

    /// <summary>A browser's side of a subscription: what it would give the web app, and how it reads what it is sent.</summary>
    public sealed class Browser(string endpoint)
    {
        private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        private readonly byte[] _auth = RandomNumberGenerator.GetBytes(16);

        public string Endpoint { get; } = endpoint;

        public string Id => Endpoint[(Endpoint.LastIndexOf('/') + 1)..];

        public byte[] PublicKey
        {
            get
            {
                var q = _key.ExportParameters(false).Q;
                return [0x04, .. q.X!, .. q.Y!];
            }
        }

        /// <summary>The subscription's keys as PushSubscription.toJSON() gives them (base64url).</summary>
        public (string P256dh, string Auth) Keys => (Base64Url.EncodeToString(PublicKey), Base64Url.EncodeToString(_auth));

        /// <summary>The message's JSON, decrypted as RFC 8291 says a browser does (one record: the body is small).</summary>
        public JsonElement Read(Pushed pushed)
        {
            if (pushed.Headers.GetValueOrDefault("content-encoding") != "aes128gcm")
            {
                throw new InvalidDataException("A push message must be encrypted with aes128gcm (RFC 8291).");
            }

            var body = pushed.Body;
            var salt = body[..16];
            var keyIdLength = body[20];
            var serverKey = body[21..(21 + keyIdLength)];
            var cipher = body[(21 + keyIdLength)..];

            using var server = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = serverKey[1..33], Y = serverKey[33..] },
            });
            var shared = _key.DeriveRawSecretAgreement(server.PublicKey);
            var authPrk = HKDF.Extract(HashAlgorithmName.SHA256, shared, _auth);
            var ikm = HKDF.Expand(HashAlgorithmName.SHA256, authPrk, 32, [.. "WebPush: info\0"u8, .. PublicKey, .. serverKey]);
            var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
            var contentKey = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, "Content-Encoding: aes128gcm\0"u8.ToArray());
            var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, "Content-Encoding: nonce\0"u8.ToArray());

            var plain = new byte[cipher.Length - 16];
            using (var aes = new AesGcm(contentKey, 16))
            {
                aes.Decrypt(nonce, cipher[..^16], cipher[^16..], plain);
            }

            // The last record's padding: a 0x02 delimiter, then zeros.
            var end = Array.LastIndexOf(plain, (byte)0x02);
            return JsonDocument.Parse(plain.AsMemory(0, end)).RootElement.Clone();
        }
    }

    /// <summary>The claims of the VAPID token in the Authorization header, after checking its ES256 signature with the key it names.</summary>
    public static (JsonElement Claims, string PublicKey) VerifyVapid(Pushed pushed)
    {
        var authorization = pushed.Headers["authorization"];
        if (!authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Not VAPID authorization (RFC 8292): {authorization}");
        }

        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var (token, key) = (parameters["t"], parameters["k"]);
        var parts = token.Split('.');
        var point = Base64Url.DecodeFromChars(key);
        using var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
        if (!verifier.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256))
        {
            throw new InvalidDataException("The VAPID token's signature does not verify with the key it names.");
        }

        return (JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.Clone(), key);
    }
}
