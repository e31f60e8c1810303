using Platform.Webhooks.Data;

namespace Platform.Webhooks.Integrations;

/// <summary>What a client sends to connect a sender: which kind, and a name people recognise it by.</summary>
public sealed record IntegrationInput(string? Provider, string? Name)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (!Providers.All.Contains(Provider))
        {
            errors["provider"] = [$"One of {string.Join(", ", Providers.All)}."];
        }

        if (Name?.Trim() is not { Length: > 0 and <= 200 })
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }

        return errors;
    }
}

/// <summary>
/// An integration as administrators see it: the address to give the sender, and how it has been doing. The secret is
/// in the answer only when it was just made (on connecting and on rotation): it is shown once, to paste into the sender.
/// </summary>
public sealed record IntegrationView(
    Guid Id, string Provider, string Name, string Address, DateTimeOffset CreatedAt, string CreatedBy, long Refused, DateTimeOffset? LastDeliveryAt,
    DateTimeOffset? PreviousSecretExpiresAt, string? Secret = null)
{
    public static IntegrationView Of(Integration integration, string address, bool withSecret = false) => new(
        integration.Id, integration.Provider, integration.Name, address, integration.CreatedAt, integration.CreatedBy, integration.RejectedCount,
        integration.LastDeliveryAt, integration.PreviousSecretExpiresAt, withSecret ? integration.Secret : null);
}

/// <summary>One received delivery as the log shows it.</summary>
public sealed record InboundDeliveryView(Guid Id, string Delivery, string Event, DateTimeOffset ReceivedAt, string Outcome, bool PayloadKept);
