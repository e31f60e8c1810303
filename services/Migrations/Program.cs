using Platform.Ai.Data;
using Platform.Analytics.Data;
using Platform.Collaboration.Data;
using Platform.Files.Data;
using Platform.Identity.Data;
using Platform.Notifications.Data;
using Platform.Projects.Data;
using Platform.Webhooks.Data;
using Platform.Migrations;

// The one step that brings every service's database schema up to date; services wait for it to
// complete (WaitForCompletion), so replicas never race each other to migrate at start-up.
var builder = Host.CreateApplicationBuilder(args);

builder.AddServiceDefaults();
builder.AddIdentityData();
builder.AddProjectsData();
builder.AddCollaborationData();
builder.AddAiData();
builder.AddAnalyticsData();
builder.AddWebhooksData();
builder.AddNotificationsData();
builder.AddFilesData();

using var host = builder.Build();
await host.StartAsync();

var migrator = new DatabaseMigrator(host.Services, builder.Configuration);
var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
await migrator.MigrateAsync<IdentityDataContext>(IdentityDataExtensions.ConnectionName, stopping);
await migrator.MigrateAsync<ProjectsDbContext>(ProjectsDataExtensions.ConnectionName, stopping);
await migrator.MigrateAsync<CollaborationDbContext>(CollaborationDataExtensions.ConnectionName, stopping);
await migrator.MigrateAsync<AiDbContext>(AiDataExtensions.ConnectionName, stopping);
await migrator.MigrateAsync<AnalyticsDbContext>(AnalyticsDataExtensions.ConnectionName, stopping);
await migrator.MigrateAsync<WebhooksDbContext>(WebhooksDataExtensions.ConnectionName, stopping);
await migrator.MigrateAsync<NotificationsDbContext>(NotificationsDataExtensions.ConnectionName, stopping);
await migrator.MigrateAsync<FilesDbContext>(FilesDataExtensions.ConnectionName, stopping);

await host.StopAsync();
