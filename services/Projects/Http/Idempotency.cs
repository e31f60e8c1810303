using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Projects.Data;

namespace Platform.Projects.Http;

/// <summary>
/// <c>Idempotency-Key</c> on creates: the first request with a key runs and its answer is stored in the same
/// transaction; a retry with the same key and body gets that answer again (header <c>Idempotent-Replayed</c>),
/// with another body a 422. A concurrent retry waits on the first one's key row, then replays it.
/// Keys belong to the caller and last a day.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public static RouteHandlerBuilder WithIdempotency<TBody>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!http.Request.Headers.TryGetValue(Header, out var values))
            {
                return await next(context);
            }

            var key = values.ToString();
            if (key.Length is 0 or > 200)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Header] = ["1 to 200 characters."] });
            }

            var db = http.RequestServices.GetRequiredService<ProjectsDbContext>();
            var tenant = http.RequestServices.GetRequiredService<TenantContext>();
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var caller = http.User.ActorId();
            var body = context.Arguments.OfType<TBody>().Single();
            var hash = Hash(http.Request, JsonSerializer.Serialize(body, ApiJson.Options));
            var token = http.RequestAborted;

            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var organization = tenant.RequiredOrganizationId;
            await db.IdempotencyRecords.Where(r => r.OrganizationId == organization && r.CallerId == caller && r.Key == key && r.CreatedAt < now - Lifetime)
                .ExecuteDeleteAsync(token);
            var claimed = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO idempotency_records (organization_id, caller_id, key, request_hash, status_code, response_body, created_at)
                VALUES ({organization}, {caller}, {key}, {hash}, 0, 'null', {now}) ON CONFLICT DO NOTHING
                """, token);
            if (claimed == 0)
            {
                var earlier = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.OrganizationId == organization && r.CallerId == caller && r.Key == key, token);
                if (earlier.RequestHash != hash)
                {
                    return TypedResults.Problem(
                        title: "Idempotency key reused",
                        detail: $"The {Header} {key} was first sent with another request; use a new key for a new request.",
                        statusCode: StatusCodes.Status422UnprocessableEntity);
                }

                http.Response.Headers[ReplayedHeader] = "true";
                if (earlier.Location is not null)
                {
                    http.Response.Headers.Location = earlier.Location;
                }

                return Results.Text(earlier.ResponseBody, "application/json", Encoding.UTF8, earlier.StatusCode);
            }

            var result = await next(context);
            var outcome = result is INestedHttpResult nested ? nested.Result : result;
            if (outcome is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success and IValueHttpResult answer)
            {
                // Created<T> and its kin have no common interface for the location they answer with.
                var location = outcome.GetType().GetProperty("Location")?.GetValue(outcome) as string;
                await db.IdempotencyRecords.Where(r => r.OrganizationId == organization && r.CallerId == caller && r.Key == key)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(r => r.StatusCode, success.StatusCode!.Value)
                        .SetProperty(r => r.ResponseBody, JsonSerializer.Serialize(answer.Value, ApiJson.Options))
                        .SetProperty(r => r.Location, location), token);
                await transaction.CommitAsync(token);
            }

            // Anything else changed nothing: the rollback frees the key for a corrected request.
            return result;
        });

    private static string Hash(HttpRequest request, string body) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n{body}")));
}
