using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace Platform.IntegrationTests;

public sealed class GatewayTests(PlatformFixture platform)
{
    [Fact]
    public async Task Every_resource_of_the_graph_is_running_and_healthy()
    {
        await platform.WaitUntilEverythingIsHealthyAsync();

        Assert.Contains("gateway", platform.RunnableResourceNames());
        Assert.Contains("postgres", platform.RunnableResourceNames());
        Assert.Contains("cache", platform.RunnableResourceNames());
        Assert.Contains("identity", platform.RunnableResourceNames());
        Assert.Contains("identitydb", platform.RunnableResourceNames());
    }

    [Theory]
    [InlineData("identity", "/health")]
    [InlineData("identity", "/alive")]
    public async Task Each_service_answers_its_health_endpoints(string service, string path)
    {
        using var client = platform.CreateHttpClient(service);

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_gateway_routes_api_service_paths_to_the_service_without_the_prefix()
    {
        using var client = platform.CreateHttpClient("gateway");

        using var response = await client.GetAsync("/api/identity/.well-known/openid-configuration", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"issuer\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task The_gateway_answers_its_health_endpoints(string path)
    {
        using var client = platform.CreateHttpClient("gateway");

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unknown_route_gets_a_404_problem_details()
    {
        using var client = platform.CreateHttpClient("gateway");

        using var response = await client.GetAsync("/api/nowhere/items", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
        Assert.Equal(404, problem?.Status);
    }
}
