using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Ai.Data;
using Platform.Ai.Requests;

namespace Platform.Ai.Tools;

/// <summary>
/// Every tool call is logged (who, which tool, which arguments, outcome, duration), counted, recorded as an audit row
/// (<see cref="ToolCall"/>, with the scopes its narrowed token held: <see cref="ToolSandbox"/>), and reported to a client
/// that asked for log messages (<see cref="ClientLog"/>). A refusal (the platform's answer, an operation's
/// <see cref="RequestRefusedException"/>, or arguments that do not bind to the tool's parameters) becomes a tool error
/// the model can read.
/// </summary>
internal static partial class ToolAudit
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, cancellationToken) =>
        {
            var services = request.Services!;
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Ai.ToolCalls");
            var metrics = services.GetRequiredService<AiMetrics>();
            var tool = request.Params?.Name ?? "";
            var caller = request.User!;
            var user = caller.ActorId();
            var arguments = string.Join(",", request.Params?.Arguments?.Keys ?? []);
            var started = Stopwatch.GetTimestamp();
            var outcome = "failed";
            try
            {
                var result = await next(request, cancellationToken);
                outcome = result.IsError == true ? "refused" : "ok";
                return result;
            }
            catch (McpProtocolException)
            {
                outcome = "invalid";
                throw;
            }
            catch (ToolLimitException e)
            {
                outcome = e.Outcome;
                return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = $"{tool}: {e.Message}" }] };
            }
            catch (InputRequiredException)
            {
                // A destructive tool asks the user first (Confirmation); the client calls again with the answer.
                outcome = "asked";
                throw;
            }
            catch (Exception e) when (e is McpException or RequestRefusedException or ArgumentException or JsonException)
            {
                outcome = "refused";
                var message = e is JsonException ? MistypedArgument(request) ?? e.Message : e.Message;
                return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = $"{tool}: {message}" }] };
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                metrics.Called(tool, outcome, elapsed);
                LogCall(logger, user, tool, arguments, outcome, elapsed);
                try
                {
                    await RecordAsync(services, caller, tool, arguments, outcome, elapsed);
                }
                catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
                {
                    // The call has happened: its answer goes to the client; the log line above keeps the record.
                    LogAuditFailed(logger, e, user, tool);
                }
                if (outcome is "ok" or "refused")
                {
                    await ClientLog.SendAsync(request, warning: outcome == "refused", $"{tool}: {outcome} in {elapsed:F1} ms", cancellationToken);
                }
            }
        };

    /// <summary>The audit row, written whatever the outcome and even when the caller has gone.</summary>
    private static async Task RecordAsync(IServiceProvider services, ClaimsPrincipal caller, string tool, string arguments, string outcome, double elapsed)
    {
        var call = ToolSandbox.CallOf(services.GetRequiredService<IHttpContextAccessor>().HttpContext);
        var db = services.GetRequiredService<AiDbContext>();
        db.ToolCalls.Add(new ToolCall
        {
            Id = Guid.CreateVersion7(), OrganizationId = Guid.Parse(caller.FindFirst(PlatformClaimTypes.Organization)!.Value), ActorId = caller.ActorId(),
            Tool = tool.Length <= 100 ? tool : tool[..100], Arguments = arguments.Length <= 500 ? arguments : arguments[..500],
            Scopes = string.Join(' ', call?.Scopes ?? []), Outcome = outcome, DurationMs = Math.Round(elapsed, 1), ResultBytes = call?.ResultBytes ?? 0,
            CalledAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Names the first argument whose JSON type is not the one the tool's input schema asks for.</summary>
    private static string? MistypedArgument(RequestContext<CallToolRequestParams> request)
    {
        if (request.MatchedPrimitive is not McpServerTool tool || request.Params?.Arguments is not { } arguments
            || !tool.ProtocolTool.InputSchema.TryGetProperty("properties", out var properties))
        {
            return null;
        }
        foreach (var (name, value) in arguments)
        {
            if (!properties.TryGetProperty(name, out var schema) || !schema.TryGetProperty("type", out var type))
            {
                continue;
            }
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
            var actual = value.ValueKind switch
            {
                JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
                JsonValueKind.String => "string",
                JsonValueKind.True or JsonValueKind.False => "boolean",
                JsonValueKind.Array => "array",
                JsonValueKind.Object => "object",
                _ => "null",
            };
            if (!allowed.Contains(actual) && !(actual == "integer" && allowed.Contains("number")))
            {
                return $"Argument '{name}' must be {string.Join(" or ", allowed)}, not {actual}.";
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit row of {User}'s call of {Tool} was not written")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string user, string tool);

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP tool call by {User}: {Tool}({Arguments}) -> {Outcome} in {Milliseconds:F1} ms")]
    private static partial void LogCall(ILogger logger, string user, string tool, string arguments, string outcome, double milliseconds);
}
