namespace Platform.Ai.Data;

/// <summary>
/// An organization's choices of models: whether only models run inside the platform may see its data, and its own
/// OpenAI-compatible chat and embeddings endpoints (their keys encrypted with the service's secrets key, bound to the
/// organization and the field).
/// </summary>
public sealed class ModelSettings
{
    public Guid OrganizationId { get; set; }

    /// <summary>Only local models (and the organization's own endpoint) serve it; the platform's external ones do not.</summary>
    public bool LocalOnly { get; set; }

    /// <summary>A model of the platform's registry the organization uses instead of the default (an experiment's promoted variant).</summary>
    public string? ChatModelName { get; set; }

    /// <summary>Instructions the chat model is given instead of the platform's (an experiment's promoted variant).</summary>
    public string? Instructions { get; set; }

    public string? ChatEndpoint { get; set; }

    public string? ChatModel { get; set; }

    /// <summary>AES-256-GCM: nonce, tag, ciphertext.</summary>
    public byte[]? ChatKey { get; set; }

    /// <summary>The organization's own embeddings endpoint: its passages and searches are embedded there instead of by the platform's model.</summary>
    public string? EmbeddingsEndpoint { get; set; }

    public string? EmbeddingsModel { get; set; }

    /// <summary>AES-256-GCM: nonce, tag, ciphertext.</summary>
    public byte[]? EmbeddingsKey { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}
