using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Ai.Data;
using Platform.Data;

namespace Platform.Ai.Tools;

public sealed record ToolCallView(Guid Id, string ActorId, string Tool, string Arguments, string Scopes, string Outcome, double DurationMs, int ResultBytes, DateTimeOffset CalledAt);

public static class ToolCallEndpoints
{
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapToolCallEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tool-calls", List)
            .RequireAuthorization(policy => policy.RequireScope(PlatformScopes.OrganizationAdmin))
            .WithName("ListToolCalls").WithTags("Tools")
            .WithSummary("The audit of assistants' tool calls, newest first")
            .WithDescription("Who called which MCP tool, the argument names (never their values), the scopes of the narrowed token it ran with, " +
                "the outcome (ok, refused, invalid, asked, timed-out, too-large, failed), duration and result size. Needs org:admin.");
        return api;
    }

    private static async Task<Results<Ok<List<ToolCallView>>, ValidationProblem>> List(
        AiDbContext db, TenantContext tenant, CancellationToken cancellationToken,
        [Description("Only this tool's calls.")] string? tool = null,
        [Description($"How many, 1 to 200 (50 when left out).")] int? limit = null)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"From 1 to {MaxLimit}."] });
        }
        var organization = tenant.RequiredOrganizationId;
        var calls = db.ToolCalls.AsNoTracking().Where(c => c.OrganizationId == organization);
        if (!string.IsNullOrWhiteSpace(tool))
        {
            calls = calls.Where(c => c.Tool == tool.Trim());
        }
        return TypedResults.Ok(await calls.OrderByDescending(c => c.CalledAt).Take(limit ?? 50)
            .Select(c => new ToolCallView(c.Id, c.ActorId, c.Tool, c.Arguments, c.Scopes, c.Outcome, c.DurationMs, c.ResultBytes, c.CalledAt))
            .ToListAsync(cancellationToken));
    }
}
