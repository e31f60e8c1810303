using Platform.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = PlatformInfrastructure.Add(builder, postgresName: "postgres", redisName: "cache");
var cache = infrastructure.Cache;

builder.AddProject<Projects.Gateway>("gateway")
    .WithExternalHttpEndpoints()
    .WithReference(cache).WaitFor(cache);

builder.Build().Run();
