using Microsoft.EntityFrameworkCore;
using Platform.Ai.Data;
using Platform.Ai.Requests;
using Platform.Data;

namespace Platform.Ai.Models;

/// <summary>
/// Which chat model serves the caller's organization: its own endpoint when it set one, else the platform's default
/// unless the organization allows only local models and that one is external. Without one, the refusal says why and
/// what to do.
/// </summary>
public sealed class ChatModels(ModelRegistry registry, OwnEndpoints ownEndpoints, AiDbContext db, TenantContext tenant)
{
    public const string LocalOnlyRefusal = "This organization allows only local models, and the platform's chat model is external: " +
        "an administrator can set the organization's own chat endpoint, or allow external models (Settings › Assistants; PUT /api/ai/settings/models).";

    /// <summary>The model for the organization, or null with the reason.</summary>
    public async Task<(ChatTarget? Target, string? Missing)> FindAsync(CancellationToken cancellationToken)
    {
        var organization = tenant.RequiredOrganizationId;
        var settings = await db.ModelSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == organization, cancellationToken);
        if (settings is { ChatEndpoint: not null, ChatModel: not null })
        {
            return (ownEndpoints.For(settings), null);
        }
        return registry.DefaultChat switch
        {
            null => (null, ChatModel.HowToConfigure),
            { Local: false } when settings is { LocalOnly: true } => (null, LocalOnlyRefusal),
            var target => (target, null),
        };
    }

    public async Task<ChatTarget> ResolveAsync(CancellationToken cancellationToken)
    {
        var (target, missing) = await FindAsync(cancellationToken);
        return target ?? throw new ModelNotConfiguredException(missing!, ChatModel.WhatWorksWithout);
    }
}
