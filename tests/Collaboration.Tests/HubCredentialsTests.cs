using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Platform.Collaboration.Editing;
using Platform.Collaboration.Http;

namespace Platform.Collaboration.Tests;

/// <summary>A hub connection's request lives as long as the connection, so it keeps no copy of the token it was authenticated with.</summary>
public sealed class HubCredentialsTests
{
    [Fact]
    public async Task A_hub_request_drops_its_token_after_authentication_and_keeps_the_rest()
    {
        var context = await PassAsync("/hubs/documents", "?id=abc&access_token=secret.jwt&x=1");

        Assert.Equal("", context.Request.Headers.Authorization.ToString());
        Assert.Equal("?id=abc&x=1", context.Request.QueryString.Value);
        Assert.Equal("abc", context.Request.Query["id"]);
        Assert.Equal("/hubs/documents?id=abc&x=1", context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget);
    }

    [Fact]
    public async Task Other_requests_keep_their_credentials()
    {
        var context = await PassAsync("/documents", "?access_token=secret.jwt");

        Assert.Equal("Bearer secret.jwt", context.Request.Headers.Authorization.ToString());
        Assert.Equal("?access_token=secret.jwt", context.Request.QueryString.Value);
    }

    private static async Task<HttpContext> PassAsync(string path, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        context.Request.Headers.Authorization = "Bearer secret.jwt";
        var app = new ApplicationBuilder(new NoServices());
        app.ForgetHubCredentials();
        await app.Build()(context);
        return context;
    }

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
