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

    /// <summary>
    /// A header of the mail as sent (its raw source: MailDev's parsed headers leave some out, List-Unsubscribe among
    /// them), unfolded; null when the mail has none.
    /// </summary>
    public async Task<string?> HeaderAsync(JsonElement mail, string name, CancellationToken cancellationToken)
    {
        var source = await _http.GetStringAsync($"api/email/{mail.GetProperty("id").GetString()}/source", cancellationToken);
        var head = source[..Math.Max(0, source.IndexOf("\r\n\r\n", StringComparison.Ordinal))];
        var unfolded = System.Text.RegularExpressions.Regex.Replace(head, "\r\n[ \t]+", " ");
        return unfolded.Split("\r\n").Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(line => line[(name.Length + 1)..].Trim()).FirstOrDefault();
    }

    public void Dispose() => _http.Dispose();
}
