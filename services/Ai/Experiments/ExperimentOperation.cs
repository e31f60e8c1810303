using System.ComponentModel;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Ai.Data;
using Platform.Ai.Models;
using Platform.Ai.Requests;
using Platform.Data;

namespace Platform.Ai.Experiments;

/// <summary>One side of an experiment: a model of the registry and instructions for it; either left out is what the organization uses otherwise.</summary>
public sealed record ArmInput(
    [property: Description("A model of the platform's registry (GET /experiments/models); left out: the model the organization uses.")] string? Model = null,
    [property: Description("Instructions for the model (at most 4000 characters); left out: the platform's.")] string? Instructions = null);

public sealed record ExperimentInput(
    [property: Description("What is compared, for people (1 to 100 characters).")] string? Name,
    ArmInput? Control,
    ArmInput? Variant,
    [property: Description("Percent of the organization's people (or conversations) who get the variant, 1 to 99 (50 when left out).")] int VariantShare = 50,
    [property: Description("user: each person keeps one arm (when left out); conversation: each conversation a client names (the question's conversation) gets its own arm.")] string? RouteBy = null);

public sealed record ExperimentView(
    Guid Id, string Name, ArmInput Control, ArmInput Variant, int VariantShare, string RouteBy, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome,
    ComparisonFigures Figures);

/// <summary>
/// An organization's A/B experiments of chat models and instructions (<see cref="Experiment"/>): started, reported with
/// confidence intervals from the recorded answers and their ratings, promoted (the variant becomes what the
/// organization uses) or stopped. Changing them needs org:admin, checked by the routes.
/// </summary>
public sealed class ExperimentOperation(AiDbContext db, ModelRegistry registry, TenantContext tenant, TimeProvider clock)
{
    public const int MaxInstructionsLength = 4000;

    public async Task<ExperimentView> StartAsync(ExperimentInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var organization = tenant.RequiredOrganizationId;
        var name = Limits.Text(input.Name, "name", 100);
        var settings = await db.ModelSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == organization, cancellationToken);
        var control = Arm(input.Control, "control", settings);
        var variant = Arm(input.Variant, "variant", settings);
        if (control == variant)
        {
            throw new InvalidArgumentException("variant", "must differ from the control in its model or its instructions.");
        }
        if (input.VariantShare is < 1 or > 99)
        {
            throw new InvalidArgumentException("variantShare", "a percentage from 1 to 99.");
        }
        var routeBy = input.RouteBy?.Trim().ToLowerInvariant() switch
        {
            null or "" or ExperimentRouting.ByUser => ExperimentRouting.ByUser,
            ExperimentRouting.ByConversation => ExperimentRouting.ByConversation,
            _ => throw new InvalidArgumentException("routeBy", $"user or conversation, not '{input.RouteBy}'."),
        };
        if (await db.Experiments.AnyAsync(e => e.OrganizationId == organization && e.Outcome == null, cancellationToken))
        {
            throw new ConflictException("An experiment is running already: promote or stop it first.");
        }
        var experiment = new Experiment
        {
            Id = Guid.CreateVersion7(), OrganizationId = organization, Name = name, ControlModel = control.Model, ControlInstructions = control.Instructions,
            VariantModel = variant.Model, VariantInstructions = variant.Instructions, VariantShare = input.VariantShare, RouteBy = routeBy,
            StartedAt = clock.GetUtcNow(), StartedBy = user.ActorId(),
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(cancellationToken);
        return View(experiment, []);
    }

    public async Task<List<ExperimentView>> ListAsync(CancellationToken cancellationToken)
    {
        var organization = tenant.RequiredOrganizationId;
        var experiments = await db.Experiments.AsNoTracking().Where(e => e.OrganizationId == organization).OrderByDescending(e => e.StartedAt).Take(50).ToListAsync(cancellationToken);
        var ids = experiments.ConvertAll(e => e.Id);
        var answers = await AnswersAsync(a => a.ExperimentId != null && ids.Contains(a.ExperimentId.Value), cancellationToken);
        return experiments.ConvertAll(e => View(e, [.. answers.Where(a => a.Experiment == e.Id).Select(a => a.Answer)]));
    }

    public async Task<ExperimentView> ReportAsync(Guid id, CancellationToken cancellationToken)
    {
        var experiment = await FindAsync(id, cancellationToken);
        return View(experiment, [.. (await AnswersAsync(a => a.ExperimentId == id, cancellationToken)).Select(a => a.Answer)]);
    }

    /// <summary>The variant becomes what the organization uses (its model, its instructions), and the experiment ends.</summary>
    public async Task<ExperimentView> PromoteAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var experiment = await RunningAsync(id, cancellationToken);
        var settings = await db.ModelSettings.SingleOrDefaultAsync(s => s.OrganizationId == experiment.OrganizationId, cancellationToken);
        if (settings is null)
        {
            settings = new ModelSettings { OrganizationId = experiment.OrganizationId };
            db.ModelSettings.Add(settings);
        }
        settings.ChatModelName = experiment.VariantModel ?? settings.ChatModelName;
        settings.Instructions = experiment.VariantInstructions ?? settings.Instructions;
        (settings.UpdatedAt, settings.UpdatedBy) = (clock.GetUtcNow(), user.ActorId());
        return await EndAsync(experiment, "promoted", cancellationToken);
    }

    public async Task<ExperimentView> StopAsync(Guid id, CancellationToken cancellationToken) =>
        await EndAsync(await RunningAsync(id, cancellationToken), "stopped", cancellationToken);

    private async Task<ExperimentView> EndAsync(Experiment experiment, string outcome, CancellationToken cancellationToken)
    {
        (experiment.Outcome, experiment.EndedAt) = (outcome, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await ReportAsync(experiment.Id, cancellationToken);
    }

    private async Task<Experiment> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Experiments.SingleOrDefaultAsync(e => e.Id == id && e.OrganizationId == tenant.RequiredOrganizationId, cancellationToken)
        ?? throw new NotFoundException($"No experiment {id}.");

    private async Task<Experiment> RunningAsync(Guid id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { Outcome: null } running ? running
        : throw new ConflictException($"Experiment {id} has ended already.");

    /// <summary>The arm as asked, its model checked against the registry and the organization's local-only choice.</summary>
    private ArmInput Arm(ArmInput? input, string argument, ModelSettings? settings)
    {
        var model = string.IsNullOrWhiteSpace(input?.Model) ? null : input.Model.Trim();
        if (model is not null)
        {
            if (!registry.Chat.TryGetValue(model, out var target))
            {
                throw new InvalidArgumentException($"{argument}.model",
                    $"a model of the registry ({(registry.Chat.Count == 0 ? "none is configured" : string.Join(", ", registry.Chat.Keys.Order()))}), not '{model}'.");
            }
            if (!target.Local && settings is { LocalOnly: true })
            {
                throw new InvalidArgumentException($"{argument}.model", $"'{model}' is external, and this organization allows only local models.");
            }
            model = target.Name;
        }
        var instructions = string.IsNullOrWhiteSpace(input?.Instructions) ? null : input.Instructions.Trim();
        if (instructions?.Length > MaxInstructionsLength)
        {
            throw new InvalidArgumentException($"{argument}.instructions", $"at most {MaxInstructionsLength} characters.");
        }
        return new ArmInput(model, instructions);
    }

    private async Task<List<(Guid Experiment, ArmAnswer Answer)>> AnswersAsync(
        System.Linq.Expressions.Expression<Func<AnswerRecord, bool>> which, CancellationToken cancellationToken) =>
        [.. (await db.Answers.AsNoTracking().Where(a => a.OrganizationId == tenant.RequiredOrganizationId).Where(which)
            .Select(a => new { a.ExperimentId, a.Arm, a.Model, a.LatencyMs, a.InputTokens, a.OutputTokens, a.Cost, a.Error, a.Rating })
            .ToListAsync(cancellationToken))
            .Select(a => (a.ExperimentId!.Value, new ArmAnswer(a.Arm ?? "", a.Model, a.LatencyMs, a.InputTokens, a.OutputTokens, a.Cost, a.Error is not null, a.Rating)))];

    private static ExperimentView View(Experiment e, List<ArmAnswer> answers) => new(
        e.Id, e.Name, new ArmInput(e.ControlModel, e.ControlInstructions), new ArmInput(e.VariantModel, e.VariantInstructions), e.VariantShare, e.RouteBy,
        e.StartedAt, e.EndedAt, e.Outcome, ExperimentReport.Compare(answers));
}
