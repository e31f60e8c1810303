using System.ComponentModel;
using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Ai.Data;
using Platform.Ai.Requests;
using Platform.Data;

namespace Platform.Ai.Models;

/// <summary>An organization's own OpenAI-compatible chat endpoint.</summary>
public sealed record ChatEndpointInput(
    [property: Description("The API's base address, e.g. https://llm.example.com/v1 (public addresses only).")] string? Endpoint,
    [property: Description("The model's name at that endpoint.")] string? Model,
    [property: Description("The API key; left out, the key saved before is kept. Stored encrypted, never shown again.")] string? Key = null);

/// <summary>What an administrator sets: whether only local models may serve the organization, and its own chat endpoint (null: none).</summary>
public sealed record ModelSettingsInput(bool LocalOnly, ChatEndpointInput? Chat);

/// <summary>The own endpoint as anyone may see it: the key only as whether there is one.</summary>
public sealed record ChatEndpointView(string Endpoint, string Model, bool HasKey);

public sealed record ModelSettingsView(bool LocalOnly, ChatEndpointView? Chat, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>Reads and changes the organization's model settings (<see cref="ModelSettings"/>); changing them needs org:admin, checked by the route.</summary>
public sealed class ModelSettingsOperation(AiDbContext db, TenantContext tenant, SecretBox secrets, IOptions<AiOptions> options, TimeProvider clock)
{
    public const int MaxKeyLength = 1000;

    public async Task<ModelSettingsView> GetAsync(CancellationToken cancellationToken) =>
        View(await db.ModelSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == tenant.RequiredOrganizationId, cancellationToken));

    public async Task<ModelSettingsView> SetAsync(ModelSettingsInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var organization = tenant.RequiredOrganizationId;
        var settings = await db.ModelSettings.SingleOrDefaultAsync(s => s.OrganizationId == organization, cancellationToken);
        if (settings is null)
        {
            settings = new ModelSettings { OrganizationId = organization };
            db.ModelSettings.Add(settings);
        }
        if (input.Chat is { } chat)
        {
            var endpoint = Endpoint(chat.Endpoint);
            var model = Limits.Text(chat.Model, "chat.model", 100);
            if (chat.Key?.Length > MaxKeyLength)
            {
                throw new InvalidArgumentException("chat.key", $"at most {MaxKeyLength} characters.");
            }
            // The key saved before stays with its endpoint: a form that does not show keys can be saved again.
            if (chat.Key is { Length: > 0 } key)
            {
                settings.ChatKey = secrets.Seal(key, OwnEndpoints.KeyContext(organization));
            }
            else if (settings.ChatEndpoint != endpoint)
            {
                settings.ChatKey = null;
            }
            (settings.ChatEndpoint, settings.ChatModel) = (endpoint, model);
        }
        else
        {
            (settings.ChatEndpoint, settings.ChatModel, settings.ChatKey) = (null, null, null);
        }
        settings.LocalOnly = input.LocalOnly;
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedBy = user.ActorId();
        await db.SaveChangesAsync(cancellationToken);
        return View(settings);
    }

    private string Endpoint(string? text)
    {
        var value = Limits.Text(text, "chat.endpoint", 500);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0)
        {
            throw new InvalidArgumentException("chat.endpoint", "an http or https address without user name, such as https://llm.example.com/v1.");
        }
        // Names are checked again when connecting (SafeAddresses); a literal private address or localhost is refused at once.
        if (!options.Value.AllowPrivateModelEndpoints
            && (uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && !SafeAddresses.IsPublic(address))))
        {
            throw new InvalidArgumentException("chat.endpoint", "a public address: the platform does not call private, loopback or link-local ones.");
        }
        return uri.AbsoluteUri.TrimEnd('/') + "/";
    }

    private static ModelSettingsView View(ModelSettings? settings) => settings is null
        ? new ModelSettingsView(false, null, null, null)
        : new ModelSettingsView(settings.LocalOnly,
            settings is { ChatEndpoint: { } endpoint, ChatModel: { } model } ? new ChatEndpointView(endpoint, model, settings.ChatKey is not null) : null,
            settings.UpdatedAt, settings.UpdatedBy);
}
