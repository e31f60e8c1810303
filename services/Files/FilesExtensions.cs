using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.Files.Attachments;
using Platform.Files.Data;
using Platform.Files.Downloads;
using Platform.Files.Processing;
using Platform.Files.Scanning;
using Platform.Files.Storage;
using Platform.Files.Uploads;

namespace Platform.Files;

public static class FilesExtensions
{
    public static IHostApplicationBuilder AddFilesServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.Services.AddAuthorizationBuilder().AddFilesPolicies();
        builder.AddPlatformOpenApi();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHttpClient<AttachmentTargets>();
        builder.AddFilesCore();
        // A tus PATCH may carry a whole file; anything longer than announced is refused as it arrives.
        var maxUpload = builder.Configuration.GetSection(FilesOptions.Section).Get<FilesOptions>()?.MaxUploadBytes ?? new FilesOptions().MaxUploadBytes;
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = maxUpload + 1);
        builder.Services.AddHealthChecks().AddCheck<ScannerHealthCheck>("clamav");
        return builder;
    }

    /// <summary>Everything but the HTTP API: the data, the store, the scanner, the processor, the event handlers (the tests build on this).</summary>
    public static IHostApplicationBuilder AddFilesCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<FilesOptions>(builder.Configuration.GetSection(FilesOptions.Section));
        builder.AddFilesData();
        builder.AddFileStore();
        builder.Services.AddSingleton<FilesMetrics>();
        builder.Services.AddSingleton<SignedLinks>();
        builder.Services.AddSingleton<ClamdScanner>();
        builder.Services.AddSingleton<ProcessingSignal>();
        builder.Services.AddScoped<Uploads.Uploads>();
        builder.Services.AddScoped<FileDeletion>();
        builder.Services.AddScoped<FileScan>();
        builder.Services.AddSingleton<FileProcessor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<FileProcessor>());
        builder.AddEventBus<FilesDbContext>("files")
            .Subscribe<TaskDeleted, DeletedTargets>()
            .Subscribe<DocumentChanged, DeletedTargets>();
        return builder;
    }

    public static WebApplication MapFilesApi(this WebApplication app)
    {
        app.UseTextInputChecks();
        app.UseAuthentication();
        app.UseTenantContext();
        app.UseAuthorization();
        app.MapEventBus();
        app.MapPlatformOpenApi();

        app.MapGroup("").WithTags("Files").RequireAuthorization(FilesPolicies.Read).MapFileReads();
        app.MapGroup("").WithTags("Files").RequireAuthorization(FilesPolicies.Write).MapFileChanges();
        app.MapGroup("").WithTags("Uploads").RequireAuthorization(FilesPolicies.Write).MapUploadEndpoints();
        app.MapGroup("").WithTags("Downloads").AllowAnonymous().MapBlobEndpoints();
        return app;
    }
}
