using System.ComponentModel;
using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Ai.Data;
using Platform.Ai.Requests;
using Platform.Ai.Search;
using Platform.Data;

namespace Platform.Ai.Models;

/// <summary>An organization's own OpenAI-compatible endpoint, for chat or for embeddings.</summary>
public sealed record OwnEndpointInput(
    [property: Description("The API's base address, e.g. https://llm.example.com/v1 (public addresses only).")] string? Endpoint,
    [property: Description("The model's name at that endpoint.")] string? Model,
    [property: Description("The API key; left out, the key saved before is kept. Stored encrypted, never shown again.")] string? Key = null);

/// <summary>
/// What an administrator sets: whether only local models may serve the organization, and its own chat and embeddings
/// endpoints (null: none).
/// </summary>
public sealed record ModelSettingsInput(bool LocalOnly, OwnEndpointInput? Chat, OwnEndpointInput? Embeddings = null);

/// <summary>An own endpoint as anyone may see it: the key only as whether there is one.</summary>
public sealed record OwnEndpointView(string Endpoint, string Model, bool HasKey);

public sealed record ModelSettingsView(bool LocalOnly, OwnEndpointView? Chat, OwnEndpointView? Embeddings, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>Reads and changes the organization's model settings (<see cref="ModelSettings"/>); changing them needs org:admin, checked by the route.</summary>
public sealed class ModelSettingsOperation(AiDbContext db, TenantContext tenant, SecretBox secrets, PassageEmbedding embedding, OwnEmbeddingFailures failures, IOptions<AiOptions> options, TimeProvider clock)
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
        (settings.ChatEndpoint, settings.ChatModel, settings.ChatKey) =
            Own(input.Chat, OwnEndpoints.Chat, (settings.ChatEndpoint, settings.ChatModel, settings.ChatKey), organization);
        (settings.EmbeddingsEndpoint, settings.EmbeddingsModel, settings.EmbeddingsKey) =
            Own(input.Embeddings, OwnEndpoints.Embedding, (settings.EmbeddingsEndpoint, settings.EmbeddingsModel, settings.EmbeddingsKey), organization);
        settings.LocalOnly = input.LocalOnly;
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedBy = user.ActorId();
        await db.SaveChangesAsync(cancellationToken);
        // Changed settings are tried at once, and a new embedding model embeds the passages again now, not at the next search.
        failures.Cleared(organization);
        embedding.Embed(organization);
        return View(settings);
    }

    /// <summary>
    /// One own endpoint as saved: the input checked, its key sealed; the key saved before stays with its endpoint, so a
    /// form that does not show keys can be saved again. A null input removes the endpoint.
    /// </summary>
    private (string?, string?, byte[]?) Own(OwnEndpointInput? input, string purpose, (string? Endpoint, string? Model, byte[]? Key) saved, Guid organization)
    {
        if (input is null)
        {
            return (null, null, null);
        }
        var endpoint = Endpoint(input.Endpoint, $"{purpose}.endpoint");
        var model = Limits.Text(input.Model, $"{purpose}.model", 100);
        if (input.Key?.Length > MaxKeyLength)
        {
            throw new InvalidArgumentException($"{purpose}.key", $"at most {MaxKeyLength} characters.");
        }
        var key = input.Key is { Length: > 0 } given ? secrets.Seal(given, OwnEndpoints.KeyContext(organization, purpose))
            : saved.Endpoint == endpoint ? saved.Key
            : null;
        return (endpoint, model, key);
    }

    private string Endpoint(string? text, string field)
    {
        var value = Limits.Text(text, field, 500);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0)
        {
            throw new InvalidArgumentException(field, "an http or https address without user name, such as https://llm.example.com/v1.");
        }
        // Names are checked again when connecting (SafeAddresses); a literal private address or localhost is refused at once.
        if (!options.Value.AllowPrivateModelEndpoints
            && (uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && !SafeAddresses.IsPublic(address))))
        {
            throw new InvalidArgumentException(field, "a public address: the platform does not call private, loopback or link-local ones.");
        }
        return uri.AbsoluteUri.TrimEnd('/') + "/";
    }

    private static ModelSettingsView View(ModelSettings? settings) => settings is null
        ? new ModelSettingsView(false, null, null, null, null)
        : new ModelSettingsView(settings.LocalOnly,
            View(settings.ChatEndpoint, settings.ChatModel, settings.ChatKey),
            View(settings.EmbeddingsEndpoint, settings.EmbeddingsModel, settings.EmbeddingsKey),
            settings.UpdatedAt, settings.UpdatedBy);

    private static OwnEndpointView? View(string? endpoint, string? model, byte[]? key) =>
        endpoint is not null && model is not null ? new OwnEndpointView(endpoint, model, key is not null) : null;
}
