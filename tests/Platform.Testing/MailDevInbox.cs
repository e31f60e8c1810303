using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>The mail a local MailDev received, read through its API (<c>GET api/email</c>): what a mail client would show.</summary>
public sealed class MailDevInbox(Uri address) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = address };

    /// <summary>Every mail received so far, oldest first (each with subject, to, text, html and headers).</summary>
    public async Task<JsonElement[]> AllAsync(CancellationToken cancellationToken) =>
        [.. (await _http.GetFromJsonAsync<JsonElement>("api/email", cancellationToken)).EnumerateArray()];

    /// <summary>The mails to <paramref name="recipient"/>.</summary>
    public async Task<JsonElement[]> ToAsync(string recipient, CancellationToken cancellationToken) =>
        [.. (await AllAsync(cancellationToken)).Where(mail => mail.GetProperty("to").EnumerateArray()
            .Any(to => string.Equals(to.GetProperty("address").GetString(), recipient, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits until <paramref name="recipient"/> has received <paramref name="count"/> mails, and returns them.</summary>
    public async Task<JsonElement[]> WaitForAsync(string recipient, int count, CancellationToken cancellationToken, int seconds = 30)
    {
        JsonElement[] mails = [];
        await Eventually.TrueAsync(async () => (mails = await ToAsync(recipient, cancellationToken)).Length >= count,
            async () => $"{recipient} has {mails.Length} mails", seconds);
        return mails;
    }

    public void Dispose() => _http.Dispose();
}
