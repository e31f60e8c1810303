using System.Net;
using System.Security.Claims;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Platform.Web.SignIn;

namespace Platform.Web.Api;

/// <summary>
/// The platform's API through the gateway, as the signed-in person: each call carries their access token, fresh from
/// <see cref="SessionTokens"/>. An answer is a value or the problem the API gave, which pages show where it happened.
/// </summary>
public sealed class PlatformApi(HttpClient http, SessionTokens tokens, AuthenticationStateProvider authentication)
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Post, path, body, cancellationToken);

    public Task<ApiResult<T>> PatchAsync<T>(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Patch, path, body, cancellationToken);

    public async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        await SendAsync<T>((await authentication.GetAuthenticationStateAsync()).User, method, path,
            body is null ? null : JsonContent.Create(body, options: Json), cancellationToken);

    /// <summary>A file's bytes as the body (an upload), streamed to the API as they are read.</summary>
    public async Task<ApiResult<T>> UploadAsync<T>(string path, Stream content, long length, CancellationToken cancellationToken) =>
        await SendAsync<T>((await authentication.GetAuthenticationStateAsync()).User, HttpMethod.Post, path, Upload(content, length), cancellationToken);

    /// <summary>As <paramref name="user"/>: for the app's own endpoints, which run outside a page's circuit.</summary>
    public async Task<ApiResult<T>> SendAsync<T>(ClaimsPrincipal user, HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using (content)
        {
            if (await tokens.AccessTokenAsync(user, cancellationToken) is not { } token)
            {
                return new ApiResult<T>(default, ApiProblem.SignInAgain);
            }
            using var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage answer;
            try
            {
                answer = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
                || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // An event handler that throws ends the person's circuit: a service that does not answer is a problem shown instead.
                return new ApiResult<T>(default, ApiProblem.NoAnswer);
            }
            using var response = answer;
            if (response.IsSuccessStatusCode)
            {
                return response.StatusCode == HttpStatusCode.NoContent
                    ? new ApiResult<T>(default, null)
                    : new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null);
            }
            return new ApiResult<T>(default, await ApiProblem.ReadAsync(response, cancellationToken));
        }
    }

    public static StreamContent Upload(Stream content, long length)
    {
        var upload = new StreamContent(content);
        upload.Headers.ContentLength = length;
        upload.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        return upload;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}

public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>An RFC 7807 answer of the API: what went wrong, and for which fields.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly ApiProblem SignInAgain = new(401, "Your session has ended", "Sign in again to go on.", new Dictionary<string, string[]>());

    /// <summary>A change may still have been made: the page shows what is there now.</summary>
    public static readonly ApiProblem NoAnswer = new(503, "The service did not answer in time",
        "What you asked may still have been done; what the page shows now is what there is.", new Dictionary<string, string[]>());

    /// <summary>One sentence for the person: the detail, else the field errors, else the title.</summary>
    public string Message => Detail ?? (Errors.Count > 0 ? string.Join(" ", Errors.SelectMany(e => e.Value)) : Title);

    public string? ErrorFor(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { } messages ? string.Join(" ", messages) : null;

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var errors = problem.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object
                ? fields.EnumerateObject().ToDictionary(f => f.Name, f => f.Value.EnumerateArray().Select(m => m.GetString() ?? "").ToArray())
                : [];
            return new ApiProblem(status,
                problem.TryGetProperty("title", out var title) ? title.GetString() ?? response.ReasonPhrase ?? "" : response.ReasonPhrase ?? "",
                problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
                errors);
        }
        catch (JsonException)
        {
            return new ApiProblem(status, response.ReasonPhrase ?? $"HTTP {status}", null, new Dictionary<string, string[]>());
        }
    }
}
