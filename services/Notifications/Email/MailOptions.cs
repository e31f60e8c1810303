using System.Data.Common;

namespace Platform.Notifications.Email;

/// <summary>
/// Where mail goes (the connection string <c>mail</c>: <c>Endpoint=smtp://host:port</c>, STARTTLS when the server
/// offers it, or <c>smtps://</c> for TLS from the start; <c>Username</c> and <c>Password</c> when it asks), who it
/// comes from, and the web app's address that its links open.
/// </summary>
public sealed class MailOptions
{
    public const string ConnectionName = "mail";

    public Uri? Endpoint { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Platform <notifications@platform.localhost>";

    /// <summary>The web app's address: links in mail open its pages.</summary>
    public Uri? WebAddress { get; set; }

    /// <summary>The platform's public API address (the gateway's): one-click unsubscribe links point there.</summary>
    public Uri? ApiAddress { get; set; }

    /// <summary>The key unsubscribe links are signed with (<c>Notifications:UnsubscribeKey</c>); without one, mails carry no such link.</summary>
    public string? UnsubscribeKey { get; set; }

    /// <summary>How many queued mails a pass of the dispatcher claims.</summary>
    public int BatchSize { get; set; } = 50;

    public void ReadConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        Endpoint = parts.TryGetValue("Endpoint", out var endpoint) ? new Uri((string)endpoint) : Endpoint;
        Username = parts.TryGetValue("Username", out var username) ? (string)username : Username;
        Password = parts.TryGetValue("Password", out var password) ? (string)password : Password;
    }
}
