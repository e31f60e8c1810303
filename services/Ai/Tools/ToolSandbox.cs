using System.Security.Claims;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Platform.Ai.Tools;

/// <summary>What one tool call ran with and gave back, for its audit row.</summary>
public sealed class SandboxedCall
{
    public string Token { get; set; } = "";

    public string[] Scopes { get; set; } = [];

    public int ResultBytes { get; set; }
}

/// <summary>
/// Every tool call runs with a token narrowed to the scopes the tool may use (<see cref="ToolScopes"/>) that the caller's
/// token holds, got by token exchange (<see cref="ToolTokens"/>): the platform's services see that token, and the tool
/// itself sees a caller with only those scopes. A call ends after <see cref="AiOptions.ToolTimeLimit"/>, and a result
/// larger than <see cref="AiOptions.ToolResultLimitBytes"/> is refused (the model is told to ask for less).
/// </summary>
public static class ToolSandbox
{
    internal static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, cancellationToken) =>
        {
            var services = request.Services!;
            var http = services.GetRequiredService<IHttpContextAccessor>().HttpContext!;
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AiOptions>>().Value;
            var tool = request.Params?.Name ?? "";
            if (!ToolScopes.ByTool.TryGetValue(tool, out var mayUse))
            {
                // Unknown tools are the SDK's to answer; a known one missing from the table never runs.
                return request.MatchedPrimitive is null ? await next(request, cancellationToken)
                    : throw new McpException($"The tool {tool} has no scopes declared and cannot run.");
            }
            var scopes = mayUse.Where(request.User!.HasScope).ToArray();
            if (scopes.Length == 0)
            {
                throw new McpException($"Not allowed: this tool needs {string.Join(" or ", mayUse)}, which this token lacks.");
            }

            var callerToken = PersonalAccessTokenHandler.BearerToken(http.Request) ?? throw new McpException("The request carries no bearer token.");
            var call = new SandboxedCall
            {
                Token = await services.GetRequiredService<ToolTokens>().ExchangeAsync(callerToken, scopes, cancellationToken),
                Scopes = scopes,
            };
            http.Items[typeof(SandboxedCall)] = call;
            // Tools read their caller from either; both see only the narrowed scopes.
            request.User = http.User = Narrowed(request.User!, scopes);

            var result = await WithinAsync(options.ToolTimeLimit, token => next(request, token).AsTask(), cancellationToken);
            call.ResultBytes = JsonSerializer.SerializeToUtf8Bytes(result, McpJsonUtilities.DefaultOptions).Length;
            if (call.ResultBytes > options.ToolResultLimitBytes)
            {
                throw new ToolLimitException("too-large", $"The result ({call.ResultBytes / 1024} KB) is larger than {options.ToolResultLimitBytes / 1024} KB; ask for less (a smaller limit, one project, a version).");
            }
            return result;
        };

    /// <summary>Runs <paramref name="call"/>, cancelled after <paramref name="limit"/>: then a <see cref="ToolLimitException"/> says so.</summary>
    public static async Task<T> WithinAsync<T>(TimeSpan limit, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(limit);
        try
        {
            return await call(timer.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ToolLimitException("timed-out", $"The tool took longer than {limit.TotalSeconds:F0} s and was stopped; ask for less, or try again.");
        }
    }

    /// <summary>The narrowed token of the tool call being run on this request, if one is.</summary>
    public static SandboxedCall? CallOf(HttpContext? http) => http?.Items[typeof(SandboxedCall)] as SandboxedCall;

    private static ClaimsPrincipal Narrowed(ClaimsPrincipal user, string[] scopes)
    {
        var identity = (ClaimsIdentity)user.Identity!;
        return new ClaimsPrincipal(new ClaimsIdentity(
            identity.Claims.Where(c => c.Type != PlatformClaimTypes.Scope).Append(new Claim(PlatformClaimTypes.Scope, string.Join(' ', scopes))),
            identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType));
    }
}

/// <summary>A tool call stopped by the sandbox's time or size limit; <see cref="Outcome"/> names which in the audit.</summary>
public sealed class ToolLimitException(string outcome, string message) : McpException(message)
{
    public string Outcome { get; } = outcome;
}
