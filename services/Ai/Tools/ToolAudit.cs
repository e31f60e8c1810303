using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Platform.Ai.Requests;

namespace Platform.Ai.Tools;

/// <summary>
/// Every tool call is logged (who, which tool, which arguments, outcome, duration), counted, and reported to a client
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
            var user = request.User!.ActorId();
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
                if (outcome is "ok" or "refused")
                {
                    await ClientLog.SendAsync(request, warning: outcome == "refused", $"{tool}: {outcome} in {elapsed:F1} ms", cancellationToken);
                }
            }
        };

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

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP tool call by {User}: {Tool}({Arguments}) -> {Outcome} in {Milliseconds:F1} ms")]
    private static partial void LogCall(ILogger logger, string user, string tool, string arguments, string outcome, double milliseconds);
}
