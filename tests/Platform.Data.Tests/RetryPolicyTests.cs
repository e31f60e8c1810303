using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Data.Tests;

/// <summary>Service-to-service calls retry what is safe to repeat, and never a request that may already have changed something.</summary>
public class RetryPolicyTests
{
    [Fact]
    public async Task A_failing_post_is_sent_once_and_a_failing_get_is_retried()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var hits = new Dictionary<string, int>();
        var retried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = WebApplication.CreateSlimBuilder();
        server.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        await using var failing = server.Build();
        failing.Run(context =>
        {
            lock (hits)
            {
                hits[context.Request.Method] = hits.GetValueOrDefault(context.Request.Method) + 1;
                if (hits.GetValueOrDefault("GET") > 1)
                {
                    retried.TrySetResult();
                }
            }
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        await failing.StartAsync(cancellationToken);
        var address = new Uri(failing.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        var caller = Host.CreateApplicationBuilder();
        caller.AddDefaultHttpClients();
        using var services = caller.Build();
        using var http = services.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        using var post = await http.PostAsync(address, new StringContent("{}"), cancellationToken);
        using var stopRetrying = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var get = http.GetAsync(address, stopRetrying.Token);
        await retried.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await stopRetrying.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => get);

        Assert.Equal(HttpStatusCode.InternalServerError, post.StatusCode);
        Assert.Equal(1, hits["POST"]);
        Assert.True(hits["GET"] > 1);
    }
}
