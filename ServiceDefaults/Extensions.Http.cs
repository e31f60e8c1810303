using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// Every HttpClient resolves "http://service" names, times out and breaks circuits, and retries what is safe to
    /// retry: GET, HEAD and OPTIONS, never a POST, PUT, PATCH or DELETE, which may already have done its work.
    /// </summary>
    public static TBuilder AddDefaultHttpClients<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
            http.AddServiceDiscovery();
        });
        return builder;
    }
}
