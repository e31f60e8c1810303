using System.Net;
using Platform.Webhooks.Data;

namespace Platform.Webhooks.Outbound;

/// <summary>
/// An endpoint as a client writes it: on creation every field but the description is needed; on a change (PATCH),
/// the fields given replace the endpoint's and <see cref="Enabled"/> turns it off or back on.
/// </summary>
public sealed record EndpointInput(string? Url = null, string? Description = null, string? Format = null, string[]? EventTypes = null, bool? Enabled = null)
{
    public const int MaxUrlLength = 2000;

    public Dictionary<string, string[]> Validate(bool allowPrivateAddresses)
    {
        var errors = new Dictionary<string, string[]>();
        if (UrlError(Url, allowPrivateAddresses) is { } urlError)
        {
            errors["url"] = [urlError];
        }

        if (Description?.Length > 500)
        {
            errors["description"] = ["At most 500 characters."];
        }

        if (!OutboundMessages.Formats.Contains(Format))
        {
            errors["format"] = [$"One of {string.Join(", ", OutboundMessages.Formats)}."];
        }

        if (EventTypes is not { Length: > 0 } types || types.Any(t => !OutboundEventTypes.All.Contains(t)))
        {
            errors["eventTypes"] = [$"One or more of {string.Join(", ", OutboundEventTypes.All)}."];
        }

        return errors;
    }

    /// <summary>An absolute http(s) address without credentials in it; an IP address must be public unless the deployment allows private ones.</summary>
    public static string? UrlError(string? url, bool allowPrivateAddresses)
    {
        if (url is null || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.UserInfo.Length > 0 || uri.Host.Length == 0)
        {
            return $"An absolute http or https address of at most {MaxUrlLength} characters, without a user name or password in it.";
        }

        return !allowPrivateAddresses && (uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && !SafeAddresses.IsPublic(address)))
            ? "Webhooks are not sent to loopback, private or link-local addresses."
            : null;
    }
}

/// <summary>An endpoint as administrators see it; the secret only when it was just made (creation, rotation).</summary>
public sealed record EndpointView(
    Guid Id, string Url, string Description, string Format, string[] EventTypes, bool Enabled, DateTimeOffset? DisabledAt, string? DisabledReason,
    DateTimeOffset? FailingSince, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PreviousSecretExpiresAt, string? Secret = null)
{
    public static EndpointView Of(WebhookEndpoint endpoint, bool withSecret = false) => new(
        endpoint.Id, endpoint.Url, endpoint.Description, endpoint.Format, [.. endpoint.EventTypes], endpoint.DisabledAt is null, endpoint.DisabledAt,
        endpoint.DisabledReason, endpoint.FailingSince, endpoint.CreatedAt, endpoint.CreatedBy, endpoint.PreviousSecretExpiresAt,
        withSecret && endpoint.Format == OutboundMessages.Standard ? endpoint.Secret : null);
}

/// <summary>A message to an endpoint and where it stands.</summary>
public sealed record OutboundDeliveryView(
    Guid Id, string Message, string EventType, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, int? LastStatusCode,
    string? LastResponse, DateTimeOffset? NextAttemptAt)
{
    public static OutboundDeliveryView Of(OutboundDelivery d) => new(
        d.Id, OutboundMessages.MessageId(d.Id), d.EventType, d.Status, d.Attempts, d.CreatedAt, d.LastAttemptAt, d.LastStatusCode, d.LastResponse, d.NextAttemptAt);
}

public sealed record DeliveryAttemptView(DateTimeOffset At, int? StatusCode, int DurationMilliseconds, string? Response);
