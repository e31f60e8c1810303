using Platform.Contracts;
using Platform.Contracts.Tasks;
using Platform.Notifications.Branding;
using Platform.Notifications.Chat;
using Platform.Notifications.Data;
using Platform.Notifications.Deliveries;
using Platform.Notifications.Email;
using Platform.Notifications.Following;
using Platform.Notifications.Inbox;
using Platform.Notifications.People;
using Platform.Notifications.Preferences;
using Platform.Notifications.Push;
using Platform.Notifications.Reminders;
using Platform.Notifications.Rules;
using Platform.Notifications.Unsubscribe;

namespace Platform.Notifications;

public static class NotificationsExtensions
{
    public static IHostApplicationBuilder AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.Services.AddAuthorizationBuilder().AddNotificationsPolicies();
        builder.AddPlatformOpenApi();
        return builder.AddNotificationsCore();
    }

    /// <summary>Everything but the HTTP API: the data, the event handlers, the inbox, mail, push and chat (the tests build on this).</summary>
    public static IHostApplicationBuilder AddNotificationsCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddNotificationsData();
        builder.AddGraphRedis();
        builder.Services.AddSingleton<NotificationsMetrics>();
        builder.Services.AddSingleton<InboxNotices>();
        builder.Services.AddScoped<Notifier>();
        builder.Services.AddScoped<Members>();
        builder.Services.AddScoped<PersonalInbox>();
        builder.Services.AddScoped<PreferenceBook>();
        builder.Services.AddScoped<OrganizationDeliveries>();
        builder.Services.AddScoped<BrandingBook>();

        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection("Notifications:Mail"));
        builder.Services.PostConfigure<MailOptions>(options =>
        {
            options.ReadConnectionString(builder.Configuration.GetConnectionString(MailOptions.ConnectionName));
            options.WebAddress ??= builder.Configuration.GetValue<Uri?>("Notifications:WebAddress");
            options.ApiAddress ??= builder.Configuration.GetValue<Uri?>("Notifications:ApiAddress");
            options.UnsubscribeKey ??= builder.Configuration["Notifications:UnsubscribeKey"];
        });
        builder.Services.AddSingleton<DueReminderScan>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DueReminderScan>());
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddSingleton<UnsubscribeLinks>();
        builder.Services.AddSingleton<EmailDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EmailDispatcher>());

        builder.Services.Configure<PushOptions>(builder.Configuration.GetSection("Notifications:Push"));
        builder.Services.AddSingleton<PushKeyring>();
        builder.Services.AddSingleton<PushSender>();
        builder.Services.AddScoped<PushDevices>();
        builder.Services.AddSingleton<PushDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PushDispatcher>());
        builder.Services.AddSingleton<ChatDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ChatDispatcher>());

        // The projections run before the notices that read them (handlers of one event run in the order of these lines). The
        // task notices only add notifications and read nothing an earlier event's notices wrote: saved with the batch.
        builder.AddEventBus<NotificationsDbContext>("notifications")
            .Subscribe<MemberJoined, PeopleDirectory>().Subscribe<MemberJoined, SecurityNotices>()
            .Subscribe<MemberRoleChanged, PeopleDirectory>().Subscribe<MemberRoleChanged, SecurityNotices>()
            .Subscribe<MemberLeft, PeopleDirectory>()
            .Subscribe<AccessTokenCreated, SecurityNotices>()
            .Subscribe<WebhookEndpointDisabled, SecurityNotices>()
            .Subscribe<FileQuarantined, SecurityNotices>()
            .Subscribe<TaskCreated, TaskFollowing>().Subscribe<TaskCreated, TaskNotices>(appendOnly: true)
            .Subscribe<TaskUpdated, TaskFollowing>().Subscribe<TaskUpdated, TaskNotices>(appendOnly: true)
            .Subscribe<TaskDeleted, TaskFollowing>()
            .Subscribe<WatcherAdded, TaskFollowing>().Subscribe<WatcherRemoved, TaskFollowing>()
            .Subscribe<TaskStateChanged, TaskNotices>(appendOnly: true)
            .Subscribe<CommentAdded, TaskNotices>(appendOnly: true)
            .Subscribe<RiskChanged, TaskNotices>(appendOnly: true)
            .Subscribe<TaskCodeChanged, TaskNotices>(appendOnly: true)
            .Subscribe<NotificationRequested, TaskNotices>(appendOnly: true)
            .Subscribe<DocumentChanged, DocumentMentions>()
            .Subscribe<ChatConnected, ChatDirectory>().Subscribe<ChatDisconnected, ChatDirectory>()
            .Subscribe<NotificationChatDelivered, ChatOutcomes>();
        return builder;
    }

    public static WebApplication MapNotificationsApi(this WebApplication app)
    {
        app.UseTextInputChecks();
        app.UseAuthentication();
        app.UseTenantContext();
        app.UseAuthorization();
        app.MapEventBus();
        app.MapPlatformOpenApi();

        app.MapGroup("").WithTags("Inbox").RequireAuthorization(NotificationsPolicies.Read).MapInboxReads();
        app.MapGroup("").WithTags("Inbox").RequireAuthorization(NotificationsPolicies.Write).MapInboxChanges();
        app.MapGroup("").WithTags("Push").RequireAuthorization(NotificationsPolicies.Read).MapPushReads();
        app.MapGroup("").WithTags("Push").RequireAuthorization(NotificationsPolicies.Write).MapPushChanges();
        app.MapGroup("").WithTags("Unsubscribe").MapUnsubscribeEndpoints();
        app.MapGroup("").WithTags("Preferences").RequireAuthorization(NotificationsPolicies.Read).MapPreferenceReads();
        app.MapGroup("").WithTags("Preferences").RequireAuthorization(NotificationsPolicies.Write).MapPreferenceChanges();
        app.MapGroup("").WithTags("Preferences").RequireAuthorization(NotificationsPolicies.Administer).MapOrganizationPreferences();
        app.MapGroup("").WithTags("Branding").RequireAuthorization(NotificationsPolicies.Read).MapBrandingRead();
        app.MapGroup("").WithTags("Branding").RequireAuthorization(NotificationsPolicies.Administer).MapBrandingChange();
        app.MapGroup("").WithTags("Deliveries").RequireAuthorization(NotificationsPolicies.Administer).MapDeliveryEndpoints();
        return app;
    }
}
