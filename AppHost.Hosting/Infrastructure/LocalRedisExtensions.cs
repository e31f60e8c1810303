using HealthChecks.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.AppHost.Infrastructure;

public static class LocalRedisExtensions
{
    public const string PortConfigurationKey = "LocalInfrastructure:RedisPort";
    private const int DefaultPort = 63799;

    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(
        this IDistributedApplicationBuilder builder, string name, string dataRoot)
    {
        var binary = ServerBinary.Redis(builder.Configuration[ServerBinary.RedisConfigurationKey], Environment.GetEnvironmentVariable("PATH"));
        var folder = Path.Combine(dataRoot, "redis");
        var passwordFile = Path.Combine(dataRoot, "redis.password");
        var password = new ParameterResource($"{name}-password", _ => StoredSecret.ReadOrCreate(passwordFile), secret: true);
        var redis = new LocalRedisResource(name, binary.Path ?? binary.Name, folder, password);

        var healthCheckKey = $"{name}_check";
        ConnectionHealthCheck.Add(builder, healthCheckKey, redis, connectionString => new RedisHealthCheck(connectionString));

        var configurationFile = Path.Combine(folder, "redis.conf");
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (@event, cancellationToken) =>
        {
            if (!binary.Found)
            {
                @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(redis).LogError("{Message}", binary.MissingMessage);
                throw new DistributedApplicationException(binary.MissingMessage);
            }

            Directory.CreateDirectory(folder);
            var secret = await password.GetValueAsync(cancellationToken) ?? "";
            await StoredSecret.WritePrivateAsync(configurationFile, RedisCommandLine.ConfigurationFile(folder, secret), cancellationToken);
        });

        return builder.AddResource(redis)
            .WithEndpoint(LocalRedisResource.EndpointName, endpoint =>
            {
                endpoint.UriScheme = "tcp";
                // Unproxied: every query and command would otherwise pass through DCP's TCP proxy, which
                // cost half a core under load on this machine.
                endpoint.Port = LocalPort.Choose(builder, PortConfigurationKey, DefaultPort, name);
                endpoint.TargetPort = endpoint.Port;
                endpoint.IsProxied = false;
            })
            .WithArgs(context =>
            {
                foreach (var argument in RedisCommandLine.ServerArguments(configurationFile))
                {
                    context.Args.Add(argument);
                }

                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Memory")
            .ExcludeFromManifest();
    }
}
