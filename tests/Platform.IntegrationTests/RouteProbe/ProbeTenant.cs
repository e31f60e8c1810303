using System.Net;
using System.Text.Json;

namespace Platform.IntegrationTests.RouteProbe;

/// <summary>
/// An organization holding one of every resource a route's path can name, so a probe can ask for a resource that
/// exists in another tenant and compare the answer with one for a resource that exists nowhere.
/// </summary>
internal sealed class ProbeTenant
{
    public const string SessionScopes = "openid projects:read projects:write docs:read docs:write org:admin account";

    /// <summary>The scopes a personal access token may carry (never <c>account</c>).</summary>
    public static readonly string[] TokenScopes = ["projects:read", "projects:write", "docs:read", "docs:write", "org:admin"];

    private readonly PlatformFixture _platform;
    private readonly Dictionary<string, string> _existing;
    private readonly Dictionary<string, string> _missing;
    private readonly Dictionary<string, string> _tokensWithout = [];

    private ProbeTenant(PlatformFixture platform, string session, Dictionary<string, string> existing, Dictionary<string, string> missing)
    {
        _platform = platform;
        Session = session;
        _existing = existing;
        _missing = missing;
    }

    /// <summary>An owner's session with every scope.</summary>
    public string Session { get; }

    /// <summary>The organization's own chat model, so it has an answer to rate; it lives as long as the test run.</summary>
    private static readonly Platform.Testing.ChatModelServer Model = new();

    public static async Task<ProbeTenant> CreateAsync(PlatformFixture platform)
    {
        var session = await platform.NewOwnerAccessTokenAsync(SessionScopes);
        var me = await JsonAsync(platform, HttpMethod.Get, "identity", "/me", session);
        var userId = me.GetProperty("id").GetString()!;
        var key = RandomKey();
        await JsonAsync(platform, HttpMethod.Post, "projects", "/projects", session, new { key, name = "Probed" });
        await JsonAsync(platform, HttpMethod.Post, "projects", $"/projects/{key}/tasks", session, new { title = "First" });
        var task = (await JsonAsync(platform, HttpMethod.Post, "projects", $"/projects/{key}/tasks", session, new { title = "Second" })).GetProperty("key").GetString()!;
        var predecessor = $"{key}-1";
        await JsonAsync(platform, HttpMethod.Post, "projects", $"/tasks/{task}/dependencies", session, new { predecessor });
        var comment = await JsonAsync(platform, HttpMethod.Post, "projects", $"/tasks/{task}/comments", session, new { body = "A comment" });
        var rule = await JsonAsync(platform, HttpMethod.Post, "projects", $"/projects/{key}/rules", session, new
        {
            name = "Label new tasks", trigger = new { type = "taskCreated" }, actions = new object[] { new { type = "addLabel", value = "new" } },
        });
        var document = await JsonAsync(platform, HttpMethod.Post, "collaboration", "/documents", session, new { project = key, title = "Design", type = "design_doc" });
        var token = await JsonAsync(platform, HttpMethod.Post, "identity", "/me/tokens", session, new { name = "probe", scopes = new[] { "projects:read" }, expiresInDays = 1 });
        var invitation = await JsonAsync(platform, HttpMethod.Post, "identity", "/organization/invitations", session, new { email = $"{Guid.NewGuid():N}@example.test", role = "member" });
        var client = await JsonAsync(platform, HttpMethod.Post, "identity", "/organization/clients", session, new { name = "probe", scopes = new[] { "projects:read" }, role = "member" });
        var app = await JsonAsync(platform, HttpMethod.Post, "identity", "/organization/apps", session, new { name = "probe", redirectUris = new[] { "https://probe.example.test/cb" } });
        var integration = await JsonAsync(platform, HttpMethod.Post, "webhooks", "/integrations", session, new { provider = "github", name = "probe" });
        var endpoint = await JsonAsync(platform, HttpMethod.Post, "webhooks", "/endpoints", session,
            new { url = "https://probe.example.test/hook", format = "standard", eventTypes = new[] { "risk.changed" } });
        var delivery = await JsonAsync(platform, HttpMethod.Post, "webhooks", $"/endpoints/{endpoint.GetProperty("id").GetString()}/test", session);
        using var browser = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var point = browser.ExportParameters(false).Q;
        var pushDevice = await JsonAsync(platform, HttpMethod.Post, "notifications", "/push/devices", session, new
        {
            endpoint = $"https://fcm.googleapis.com/fcm/send/probe-{Guid.NewGuid():N}",
            keys = new
            {
                p256dh = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode([0x04, .. point.X!, .. point.Y!]),
                auth = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(new byte[16]),
            },
        });
        var chat = await JsonAsync(platform, HttpMethod.Post, "webhooks", "/me/chats", session, new { format = "slack", url = "https://hooks.slack.example.test/probe" });
        await JsonAsync(platform, HttpMethod.Put, "ai", "/settings/models", session, new { localOnly = false, chat = new { endpoint = Model.Address, model = "probe-model" } });
        var answer = await JsonAsync(platform, HttpMethod.Post, "ai", "/ask", session, new { question = "What comes first?" });
        var experiment = await JsonAsync(platform, HttpMethod.Post, "ai", "/experiments", session, new { name = "Terse", variant = new { instructions = "Be terse." } });
        var file = await FileAsync(platform, session, task);
        var upload = await UploadAsync(platform, session, task);
        // The token made above is a security notice in the owner's inbox, once the notifications service heard of it.
        JsonElement inbox = default;
        await Platform.Testing.Eventually.TrueAsync(async () =>
            (inbox = await JsonAsync(platform, HttpMethod.Get, "notifications", "/inbox", session)).GetProperty("items").GetArrayLength() > 0);

        // Keyed by the path segment before the parameter and the parameter's name.
        var existing = new Dictionary<string, string>
        {
            ["projects/{key}"] = key,
            ["projects/{projectKey}"] = key,
            ["tasks/{key}"] = task,
            ["dependencies/{predecessor}"] = predecessor,
            ["comments/{id}"] = comment.GetProperty("id").GetString()!,
            ["rules/{id}"] = rule.GetProperty("id").GetString()!,
            ["documents/{id}"] = document.GetProperty("id").GetString()!,
            ["members/{userId}"] = userId,
            ["watchers/{userId}"] = userId,
            ["organizations/{id}"] = me.GetProperty("organizationId").GetString()!,
            ["tokens/{id}"] = token.GetProperty("details").GetProperty("id").GetString()!,
            ["invitations/{id}"] = invitation.GetProperty("id").GetString()!,
            ["clients/{clientId}"] = client.GetProperty("clientId").GetString()!,
            ["apps/{clientId}"] = app.GetProperty("clientId").GetString()!,
            ["integrations/{id}"] = integration.GetProperty("id").GetString()!,
            ["in/{integrationId}"] = integration.GetProperty("id").GetString()!,
            ["endpoints/{id}"] = endpoint.GetProperty("id").GetString()!,
            // An outbound message's id; the inbound log's routes name theirs the same way, and find none of this one.
            ["deliveries/{deliveryId}"] = delivery.GetProperty("id").GetString()!,
            ["inbox/{id}"] = inbox.GetProperty("items")[0].GetProperty("id").GetString()!,
            ["devices/{id}"] = pushDevice.GetProperty("id").GetString()!,
            ["chats/{id}"] = chat.GetProperty("id").GetString()!,
            ["answers/{id}"] = answer.GetProperty("id").GetString()!,
            ["experiments/{id}"] = experiment.GetProperty("id").GetString()!,
            // Signed links are the service's to make; one it did not make is refused alike for every tenant.
            ["unsubscribe/{token}"] = "bm90LWEtbGluaw.bm90LXNpZ25lZA",
            ["files/{id}"] = file,
            ["uploads/{id}"] = upload,
            ["blobs/{organization}"] = me.GetProperty("organizationId").GetString()!,
            ["{organization}/{file}"] = file,
            ["{file}/{variant}"] = "original",
        };
        var missingKey = RandomKey();
        var missing = existing.ToDictionary(pair => pair.Key, pair => pair.Key switch
        {
            "projects/{key}" or "projects/{projectKey}" => missingKey,
            "tasks/{key}" or "dependencies/{predecessor}" => $"{missingKey}-1",
            "clients/{clientId}" or "apps/{clientId}" => $"{pair.Value[..^8]}{Guid.NewGuid().ToString("N")[..8]}",
            _ => Guid.NewGuid().ToString(),
        });
        return new ProbeTenant(platform, session, existing, missing);
    }

    /// <summary>The route's path with resources of this tenant in it, or with resources that exist nowhere.</summary>
    public string PathTo(ProbedRoute route, bool existing) => Fill(route, existing ? _existing : _missing);

    /// <summary>The route's path with this tenant's resources in it, and <paramref name="parameter"/> set to <paramref name="value"/>.</summary>
    public string PathWith(ProbedRoute route, string parameter, string value) =>
        Fill(route, _existing, new() { [parameter] = value });

    /// <summary>Every value <see cref="PathTo"/> puts in a path, so two answers can be compared without them.</summary>
    public IEnumerable<string> Values => _existing.Values.Concat(_missing.Values).Distinct();

    /// <summary>A personal access token of this tenant's owner holding every scope but <paramref name="scopes"/>.</summary>
    public async Task<string> TokenWithoutAsync(IEnumerable<string> scopes)
    {
        var granted = TokenScopes.Except(scopes).ToArray();
        var name = string.Join(' ', granted);
        if (!_tokensWithout.TryGetValue(name, out var token))
        {
            var created = await JsonAsync(_platform, HttpMethod.Post, "identity", "/me/tokens", Session, new { name = "probe", scopes = granted, expiresInDays = 1 });
            token = _tokensWithout[name] = created.GetProperty("token").GetString()!;
        }
        return token;
    }

    private static string Fill(ProbedRoute route, Dictionary<string, string> values, Dictionary<string, string>? overrides = null)
    {
        var template = route.Path.Split('/');
        var segments = route.Path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i] is ['{', .., '}'])
            {
                var name = segments[i][1..^1];
                var sample = $"{template[i - 1]}/{template[i]}";
                var value = overrides?.GetValueOrDefault(name) ?? (values.TryGetValue(sample, out var known)
                    ? known
                    : throw new InvalidOperationException($"{route}: the probe has no resource for '{sample}'; add one to {nameof(ProbeTenant)}.{nameof(CreateAsync)}."));
                segments[i] = Uri.EscapeDataString(value);
            }
        }
        return string.Join('/', segments);
    }

    /// <summary>A small text file attached to <paramref name="task"/>, uploaded in one request; its id.</summary>
    private static async Task<string> FileAsync(PlatformFixture platform, string session, string task)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/files/files?name=probe.txt&task={task}") { Content = new ByteArrayContent("probed"u8.ToArray()) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session);
        using var http = platform.CreateHttpClient("gateway");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Setting up the probe: the file upload answered {(int)response.StatusCode}");
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    /// <summary>An unfinished resumable upload (tus) for <paramref name="task"/>; its id.</summary>
    private static async Task<string> UploadAsync(PlatformFixture platform, string session, string task)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/files/uploads");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", "100");
        request.Headers.Add("Upload-Metadata", $"filename {Convert.ToBase64String("probe.bin"u8)},task {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(task))}");
        using var http = platform.CreateHttpClient("gateway");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Setting up the probe: the upload answered {(int)response.StatusCode}");
        return response.Headers.Location!.OriginalString.Split('/')[^1];
    }

    private static string RandomKey() => "P" + string.Concat(Enumerable.Range(0, 7).Select(_ => (char)('A' + Random.Shared.Next(26))));

    private static async Task<JsonElement> JsonAsync(PlatformFixture platform, HttpMethod method, string service, string path, string token, object? body = null)
    {
        using var response = await platform.SendAsync(method, path, token, body, via: service);
        Assert.True(response.IsSuccessStatusCode, $"Setting up the probe: {method} {service}{path} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return response.StatusCode == HttpStatusCode.NoContent ? default : await response.JsonAsync();
    }
}
