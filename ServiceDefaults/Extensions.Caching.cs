using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>The graph's Redis (the AppHost's <c>cache</c>), shared by caching, rate limits and event streams.</summary>
    public const string RedisConnectionName = "cache";

    /// <summary>
    /// HybridCache as every service uses it: in-process first level, the graph's Redis as the second (keys prefixed with
    /// <paramref name="instanceName"/>), the service's database as the truth.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformHybridCache(this IHostApplicationBuilder builder, string instanceName)
    {
        builder.AddGraphRedis();
        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((options, services) =>
        {
            options.InstanceName = instanceName;
            options.ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>());
        });
        builder.Services.AddHybridCache();
        return builder;
    }

    /// <summary>Request limits that hold across a service's replicas (<see cref="RedisRateCounter"/>).</summary>
    public static IHostApplicationBuilder AddRedisRateCounter(this IHostApplicationBuilder builder)
    {
        builder.AddGraphRedis();
        builder.Services.AddSingleton<RedisRateCounter>();
        return builder;
    }

    /// <summary>
    /// The file of the certificate authority that signs the Redis server's certificate where it is not a public one
    /// (Memorystore's in-transit encryption, in the Kubernetes manifests); unset, as in the AppHost, nothing changes.
    /// </summary>
    public const string RedisCaSetting = "Redis:CaCertificatePath";

    /// <summary>The graph's Redis client, once, whichever of caching, rate limits and event streams asks first.</summary>
    public static IHostApplicationBuilder AddGraphRedis(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.Any(d => d.ServiceType == typeof(IConnectionMultiplexer)))
        {
            builder.AddRedisClient(RedisConnectionName, configureOptions: options => TrustRedisIssuer(options, builder.Configuration));
        }
        return builder;
    }

    /// <summary>Trusts the Redis server's certificate authority (<see cref="RedisCaSetting"/>) for this connection only, where one is set.</summary>
    public static void TrustRedisIssuer(ConfigurationOptions options, IConfiguration configuration)
    {
        if (configuration[RedisCaSetting] is { Length: > 0 } authority)
        {
            options.TrustIssuer(authority);
        }
    }
}
