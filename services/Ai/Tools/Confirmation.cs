using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Platform.Ai.Tools;

/// <summary>
/// Destructive tools ask the user before they act when the client can ask: elicitation by multi round-trip request
/// (protocol revision 2026-07-28). The first call answers "input required" with a yes/no form; the client shows it and
/// calls again with the answer. The server keeps nothing in between, so the second call may reach either replica. A
/// client that cannot ask has the tool's destructive annotation, on which clients ask their user before calling.
/// </summary>
internal static class Confirmation
{
    private const string Key = "confirm";

    /// <summary>
    /// True when the tool may go ahead (the user said yes, or the client cannot ask); false when the user declined. A
    /// token without <paramref name="scope"/> is refused before anyone is asked a question whose answer cannot matter.
    /// </summary>
    public static bool Confirmed(RequestContext<CallToolRequestParams> request, string scope, string question)
    {
        if (request.User?.HasScope(scope) != true)
        {
            throw new McpException($"Not allowed: this token lacks the scope {scope}.");
        }
        if (request.Params?.InputResponses?.TryGetValue(Key, out var response) == true)
        {
            var answer = response.RawValue.Deserialize(InputResponse.ElicitResultJsonTypeInfo);
            return answer is { IsAccepted: true } && answer.Content?.TryGetValue(Key, out var yes) == true && yes.ValueKind == JsonValueKind.True;
        }
        if (!request.Server.IsMrtrSupported || request.Server.ClientCapabilities?.Elicitation is null)
        {
            return true;
        }
        throw new InputRequiredException(new Dictionary<string, InputRequest>
        {
            [Key] = InputRequest.ForElicitation(new ElicitRequestParams
            {
                Message = question,
                RequestedSchema = new()
                {
                    Properties = { [Key] = new ElicitRequestParams.BooleanSchema { Title = "Go ahead", Default = false } },
                    Required = [Key],
                },
            }),
        });
    }
}
