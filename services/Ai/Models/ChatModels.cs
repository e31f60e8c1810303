using Microsoft.EntityFrameworkCore;
using Platform.Ai.Data;
using Platform.Ai.Experiments;
using Platform.Ai.Requests;
using Platform.Data;

namespace Platform.Ai.Models;

/// <summary>What answers a person's question: the model, the instructions it is given (null: the platform's), and the experiment's arm it came from.</summary>
public sealed record ChatChoice(ChatTarget Target, string? Instructions, Guid? ExperimentId, string? Arm);

/// <summary>
/// Which chat model serves the caller's organization: its own endpoint when it set one, else the registry's model it
/// chose (an experiment's promoted variant), else the platform's default; a model that is external is left out when
/// the organization allows only local models. A running experiment routes each person to its control or variant
/// (<see cref="ExperimentRouting"/>). Without a model, the refusal says why and what to do.
/// </summary>
public sealed class ChatModels(ModelRegistry registry, OwnEndpoints ownEndpoints, AiDbContext db, TenantContext tenant)
{
    public const string LocalOnlyRefusal = "This organization allows only local models, and the platform's chat model is external: " +
        "an administrator can set the organization's own chat endpoint, or allow external models (Settings › Assistants; PUT /api/ai/settings/models).";

    /// <summary>The model the organization uses outside experiments, or null with the reason.</summary>
    public async Task<(ChatTarget? Target, string? Missing)> FindAsync(CancellationToken cancellationToken) =>
        Usual(await SettingsAsync(cancellationToken));

    /// <summary>The model and instructions for <paramref name="userId"/>'s question.</summary>
    public async Task<ChatChoice> ChooseAsync(string userId, string? conversation, CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync(cancellationToken);
        var (usual, missing) = Usual(settings);
        var organization = tenant.RequiredOrganizationId;
        var experiment = await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.OrganizationId == organization && e.Outcome == null, cancellationToken);
        if (experiment is null)
        {
            return new ChatChoice(usual ?? throw new ModelNotConfiguredException(missing!, ChatModel.WhatWorksWithout), settings?.Instructions, null, null);
        }
        var arm = ExperimentRouting.ArmOf(experiment.Id, experiment.RouteBy, userId, conversation, experiment.VariantShare);
        var (model, instructions) = arm == ExperimentReport.Variant
            ? (experiment.VariantModel, experiment.VariantInstructions)
            : (experiment.ControlModel, experiment.ControlInstructions);
        var target = model is not null && registry.Chat.TryGetValue(model, out var chosen) ? chosen
            : usual ?? throw new ModelNotConfiguredException(missing!, ChatModel.WhatWorksWithout);
        return new ChatChoice(target, instructions ?? settings?.Instructions, experiment.Id, arm);
    }

    private Task<ModelSettings?> SettingsAsync(CancellationToken cancellationToken) =>
        db.ModelSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == tenant.RequiredOrganizationId, cancellationToken);

    private (ChatTarget? Target, string? Missing) Usual(ModelSettings? settings)
    {
        if (settings is { ChatEndpoint: not null, ChatModel: not null })
        {
            return (ownEndpoints.For(settings), null);
        }
        var target = settings?.ChatModelName is { } name && registry.Chat.TryGetValue(name, out var chosen) ? chosen : registry.DefaultChat;
        return target switch
        {
            null => (null, ChatModel.HowToConfigure),
            { Local: false } when settings is { LocalOnly: true } => (null, LocalOnlyRefusal),
            _ => (target, null),
        };
    }
}
