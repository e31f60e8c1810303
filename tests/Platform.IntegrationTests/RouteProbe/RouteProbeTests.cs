using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.IntegrationTests.RouteProbe;

/// <summary>
/// An attacker's probe of every route every service describes in its OpenAPI document, so a new route is covered the
/// day it is added: without a token, with a token lacking the route's scope, with another tenant's resources, with a
/// NUL in each string, with a body over the limit. Calls go straight to each service (each checks tokens itself), but
/// for the body limit, which is the gateway's. Each test lists every route that answered wrongly.
/// </summary>
public sealed class RouteProbeTests(PlatformFixture platform)
{
    /// <summary>
    /// Routes anyone may call: signing up, services asking whether a personal access token is good, and code hosts'
    /// deliveries (verified by their signatures instead: Webhooks.Tests and CodeHostTests).
    /// </summary>
    private static readonly HashSet<string> Anonymous = ["POST identity/signup", "POST identity/tokens/verify", "POST webhooks/in/{integrationId}", "POST notifications/unsubscribe/{token}",
        "GET files/blobs/{organization}/{file}/{variant}"];

    /// <summary>Routes any token may call, whatever its scopes: who the caller is, and the organizations it belongs to.</summary>
    private static readonly HashSet<string> AnyToken = ["GET identity/me", "GET identity/organizations/{id}"];

    [Fact]
    public async Task Every_route_but_the_anonymous_ones_refuses_a_request_without_a_token()
    {
        var failures = new List<string>();
        var routes = await RoutesAsync();
        var tenant = await ProbeTenant.CreateAsync(platform);
        foreach (var route in routes)
        {
            if (route.IsAnonymous != Anonymous.Contains(route.ToString()))
            {
                failures.Add($"{route}: {(route.IsAnonymous ? "anonymous, but not one of the routes meant to be" : "meant to be anonymous, but needs a token")}");
            }
            else if (!route.IsAnonymous)
            {
                Expect(failures, route, await SendAsync(route, tenant.PathTo(route, existing: true), token: null, route.Body), HttpStatusCode.Unauthorized);
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_route_refuses_a_token_without_its_scope()
    {
        var failures = new List<string>();
        var routes = await RoutesAsync();
        var tenant = await ProbeTenant.CreateAsync(platform);
        foreach (var route in routes.Where(route => !route.IsAnonymous))
        {
            if (route.NeedsNoScope != AnyToken.Contains(route.ToString()))
            {
                failures.Add($"{route}: {(route.NeedsNoScope ? "needs no scope, but is not one of the routes meant for any token" : "meant for any token, but needs a scope")}");
                continue;
            }
            if (route.NeedsNoScope)
            {
                continue;
            }
            var token = await tenant.TokenWithoutAsync(route.Scopes);
            var answer = await SendAsync(route, tenant.PathTo(route, existing: true), token, route.Body);
            Expect(failures, route, answer, HttpStatusCode.Forbidden);
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_route_answers_for_another_tenants_resource_as_for_one_that_does_not_exist()
    {
        var failures = new List<string>();
        var routes = await RoutesAsync();
        var victim = await ProbeTenant.CreateAsync(platform);
        var attacker = await platform.NewOwnerAccessTokenAsync(ProbeTenant.SessionScopes);
        foreach (var route in routes.Where(route => !route.IsAnonymous && route.PathParameters.Count > 0))
        {
            var theirs = await SendAsync(route, victim.PathTo(route, existing: true), attacker, route.Body);
            var nobodys = await SendAsync(route, victim.PathTo(route, existing: false), attacker, route.Body);
            if (theirs.IsSuccess || theirs.IsServerError)
            {
                failures.Add($"{route}: another tenant's resource answered {theirs}");
            }
            else if (theirs.Without(victim.Values) != nobodys.Without(victim.Values))
            {
                failures.Add($"{route}: another tenant's resource answered {theirs.Without(victim.Values)}, a missing one {nobodys.Without(victim.Values)}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_route_refuses_a_NUL_in_any_string_and_names_where_it_is()
    {
        var failures = new List<string>();
        var routes = await RoutesAsync();
        var tenant = await ProbeTenant.CreateAsync(platform);
        foreach (var route in routes)
        {
            var path = tenant.PathTo(route, existing: true);
            foreach (var (field, body) in route.Body is { } sample ? ApiDescription.WithEachStringReplaced(sample, "a\u0000b") : [])
            {
                ExpectNamed(failures, route, $"body {field}", await SendAsync(route, path, tenant.Session, body), field);
            }
            foreach (var parameter in route.StringQueryParameters)
            {
                ExpectNamed(failures, route, $"query {parameter}", await SendAsync(route, $"{path}?{parameter}=a%00b", tenant.Session, route.Body), parameter);
            }
            foreach (var parameter in route.PathParameters)
            {
                var answer = await SendAsync(route, tenant.PathWith(route, parameter, "a\u0000b"), tenant.Session, route.Body);
                if (!answer.IsClientError)
                {
                    failures.Add($"{route} with a NUL in the path's {parameter}: {answer}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_route_that_takes_a_body_refuses_one_over_the_limit_with_a_413_problem()
    {
        var failures = new List<string>();
        var routes = await RoutesAsync();
        var tenant = await ProbeTenant.CreateAsync(platform);
        var oversized = new JsonObject { ["text"] = new string('x', PlatformFixture.GatewayMaxRequestBodyBytes + 1) };
        foreach (var route in routes.Where(route => route.Body is not null))
        {
            var answer = await SendAsync(route, tenant.PathTo(route, existing: true), tenant.Session, oversized, via: "gateway");
            Expect(failures, route, answer, HttpStatusCode.RequestEntityTooLarge);
            if (answer.Status == HttpStatusCode.RequestEntityTooLarge && answer.MediaType != "application/problem+json")
            {
                failures.Add($"{route}: a 413 without problem details ({answer.MediaType})");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Every route of every service that serves an OpenAPI document.</summary>
    private async Task<List<ProbedRoute>> RoutesAsync()
    {
        var routes = new List<ProbedRoute>();
        var services = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>()
            .Where(resource => resource.Annotations.OfType<EndpointAnnotation>().Any(endpoint => endpoint.Name == "http") && resource.Name != "gateway");
        foreach (var service in services)
        {
            using var http = platform.CreateHttpClient(service.Name);
            using var response = await http.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
                routes.AddRange(ApiDescription.Routes(service.Name, document));
            }
        }
        Assert.Contains(routes, route => route.Service == "identity");
        Assert.Contains(routes, route => route.Service == "projects");
        Assert.Contains(routes, route => route.Service == "collaboration");
        Assert.Contains(routes, route => route.Service == "ai");
        Assert.Contains(routes, route => route.Service == "analytics");
        return routes;
    }

    private async Task<Answer> SendAsync(ProbedRoute route, string pathAndQuery, string? token, JsonNode? body, string? via = null)
    {
        using var http = platform.CreateHttpClient(via ?? route.Service);
        var target = via == "gateway" ? $"/api/{route.Service}{pathAndQuery}" : pathAndQuery;
        using var request = new HttpRequestMessage(route.Method, target);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, route.BodyContentType ?? "application/json");
        }
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static void Expect(List<string> failures, ProbedRoute route, Answer answer, HttpStatusCode expected)
    {
        if (answer.Status != expected)
        {
            failures.Add($"{route}: expected {(int)expected}, got {answer}");
        }
    }

    /// <summary>A 400 or 422 problem whose errors name <paramref name="field"/>.</summary>
    private static void ExpectNamed(List<string> failures, ProbedRoute route, string what, Answer answer, string field)
    {
        var named = answer.Status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity
            && answer.Json?["errors"] is JsonObject errors
            && errors.Any(error => string.Equals(error.Key, field, StringComparison.OrdinalIgnoreCase));
        if (!named)
        {
            failures.Add($"{route} with a NUL in the {what}: expected a 400 naming it, got {answer}");
        }
    }

    private sealed record Answer(HttpStatusCode Status, string? MediaType, string Body)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;
        public bool IsClientError => (int)Status is >= 400 and < 500;
        public bool IsServerError => (int)Status >= 500;

        public JsonNode? Json => MediaType?.EndsWith("json", StringComparison.Ordinal) == true && Body.Length > 0 ? JsonNode.Parse(Body) : null;

        /// <summary>The answer less what differs between any two calls (the trace id) and the resource names <paramref name="values"/>.</summary>
        public string Without(IEnumerable<string> values)
        {
            var body = Body;
            if (Json is JsonObject problem)
            {
                problem.Remove("traceId");
                problem.Remove("instance");
                body = problem.ToJsonString();
            }
            foreach (var value in values)
            {
                body = body.Replace(value, "…", StringComparison.Ordinal);
            }
            return $"{(int)Status} {MediaType} {body}";
        }

        public override string ToString() => $"{(int)Status} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
    }
}
