using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// Whose <c>X-Forwarded-*</c> headers are believed: loopback by default (the gateway beside a service) and the
    /// proxies in <c>ForwardedHeaders:KnownProxies</c> / <c>ForwardedHeaders:KnownNetworks</c>. The edge (the gateway
    /// itself) sets <c>ForwardedHeaders:TrustLoopback=false</c>, so a client's own headers cannot pick its address.
    /// </summary>
    public static TBuilder AddForwardedHeaderTrust<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        // Read from the application's final configuration (test hosts add settings after the builder's code ran).
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix;
            var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
            var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
            if (!configuration.GetValue("ForwardedHeaders:TrustLoopback", true))
            {
                options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list still holds the loopback default, and the middleware reads it too.
                options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
                options.KnownProxies.Clear();
                // With both lists empty the middleware would believe anyone: with no proxy named, nothing is forwarded.
                if (proxies.Length == 0 && networks.Length == 0)
                {
                    options.ForwardedHeaders = ForwardedHeaders.None;
                }
            }

            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }
}
