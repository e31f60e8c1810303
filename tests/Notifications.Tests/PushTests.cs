using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Notifications.Data;
using Platform.Notifications.Inbox;
using Platform.Notifications.Preferences;
using Platform.Notifications.Push;
using Platform.Testing;

namespace Platform.Notifications.Tests;

/// <summary>Web push through a push service on loopback: encrypted for each browser, signed with the server's key, held by quiet hours.</summary>
public sealed class PushTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>, IDisposable
{
    private readonly TestPushService _service = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_assignment_is_pushed_to_each_of_the_persons_browsers_encrypted_for_it_and_signed_with_the_servers_key()
    {
        var team = await Team.JoinAsync(fixture);
        var (laptop, phone) = (_service.NewBrowser(), _service.NewBrowser());
        await AddAsync(team, team.Bob, laptop);
        await AddAsync(team, team.Bob, phone);
        var task = Guid.NewGuid();
        await fixture.PublishAsync(team.TaskCreated(task, "PUSH-1", "Rotate <keys>", actor: team.Ada));
        await fixture.PublishAsync(team.Assign(task, "PUSH-1", actor: team.Ada, assignee: team.Bob));
        Assert.Equal(1, await fixture.PushAsync());

        var item = Assert.Single((await InboxAsync(team, team.Bob)).Items);
        foreach (var browser in new[] { laptop, phone })
        {
            var pushed = Assert.Single(_service.To(browser));
            var message = browser.Read(pushed);
            Assert.Equal(item.Title, message.GetProperty("title").GetString());
            Assert.Equal($"https://platform.example/inbox/{item.Id}", message.GetProperty("url").GetString());
            Assert.Equal("PUSH-1", message.GetProperty("tag").GetString());

            var (claims, key) = TestPushService.VerifyVapid(pushed);
            Assert.Equal(fixture.Host.Services.GetRequiredService<PushKeyring>().Keys!.PublicKey, key);
            // The push service's origin (the library leaves out the port, which push services on https's own never have).
            Assert.Equal("http://127.0.0.1", claims.GetProperty("aud").GetString());
            Assert.StartsWith("mailto:", claims.GetProperty("sub").GetString());
            Assert.False(pushed.Headers.ContainsKey("urgency")); // Normal, the protocol's default.
            Assert.Equal(((int)TimeSpan.FromDays(1).TotalSeconds).ToString(CultureInfo.InvariantCulture), pushed.Headers["ttl"]);
        }

        var push = Assert.Single((await InboxAsync(team, team.Bob)).Items[0].Deliveries, d => d.Channel == Channels.Push);
        Assert.Equal((DeliveryStatus.Sent, "2 of 2 browsers"), (push.Status, push.Address));
        // Whoever has no browser with push gets no push delivery at all.
        await fixture.PublishAsync(team.Comment(task, "PUSH-1", team.Bob, "On it"));
        Assert.DoesNotContain((await InboxAsync(team, team.Ada)).Items.SelectMany(i => i.Deliveries), d => d.Channel == Channels.Push);
    }

    [Fact]
    public async Task Quiet_hours_hold_a_push_until_they_end_and_a_kind_switched_off_is_not_pushed()
    {
        var team = await Team.JoinAsync(fixture);
        var browser = _service.NewBrowser();
        await AddAsync(team, team.Cy, browser);
        var now = TimeOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        await fixture.InTenantAsync(team.Organization, services => services.GetRequiredService<PreferenceBook>().PutAsync(team.Organization, team.Cy,
            new PreferenceInput("UTC", Time(now.AddMinutes(-1)), Time(now.AddHours(2)), null, null, [], PushOff: [NoticeKinds.Comment]), Cancel));
        var task = Guid.NewGuid();
        await fixture.PublishAsync(team.TaskCreated(task, "PUSH-2", "Night shift", actor: team.Ada, assignee: team.Cy));
        await fixture.PublishAsync(team.Watch(task, "PUSH-2", team.Cy), team.Comment(task, "PUSH-2", team.Ada, "A comment Cy does not want pushed"));

        Assert.Equal(0, await fixture.PushAsync());
        Assert.Empty(_service.To(browser));

        fixture.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await fixture.PushAsync());
        var message = browser.Read(Assert.Single(_service.To(browser)));
        Assert.StartsWith("Ada Lovelace assigned you PUSH-2", message.GetProperty("title").GetString());
        var comment = Assert.Single((await InboxAsync(team, team.Cy)).Items, i => i.Kind == NoticeKinds.Comment);
        Assert.DoesNotContain(comment.Deliveries, d => d.Channel == Channels.Push);
    }

    [Fact]
    public async Task A_browser_its_push_service_forgot_is_removed_and_a_busy_push_service_is_tried_again()
    {
        var team = await Team.JoinAsync(fixture);
        var (gone, busy) = (_service.NewBrowser(), _service.NewBrowser());
        await AddAsync(team, team.Ada, gone);
        await AddAsync(team, team.Bob, busy);
        _service.Answers[gone.Id] = 410;
        _service.Answers[busy.Id] = 503;
        await fixture.PublishAsync(new Contracts.AccessTokenCreated(team.Ada, Guid.NewGuid(), "deploy", ["projects:read"], DateTimeOffset.UtcNow.AddDays(30)) { OrganizationId = team.Organization });
        await fixture.PublishAsync(new Contracts.AccessTokenCreated(team.Bob, Guid.NewGuid(), "ci", ["projects:read"], DateTimeOffset.UtcNow.AddDays(30)) { OrganizationId = team.Organization });
        Assert.Equal(2, await fixture.PushAsync());

        var adas = Assert.Single((await InboxAsync(team, team.Ada)).Items[0].Deliveries, d => d.Channel == Channels.Push);
        Assert.Equal(DeliveryStatus.Failed, adas.Status);
        Assert.Contains("no longer knows this browser (410)", adas.LastError);
        Assert.Empty(await DevicesAsync(team, team.Ada));
        // A security notice is urgent.
        Assert.Equal("high", Assert.Single(_service.To(gone)).Headers["urgency"]);

        var bobs = Assert.Single((await InboxAsync(team, team.Bob)).Items[0].Deliveries, d => d.Channel == Channels.Push);
        Assert.Equal((DeliveryStatus.Queued, 1), (bobs.Status, bobs.Attempts));
        Assert.Contains("(503)", bobs.LastError);
        _service.Answers[busy.Id] = 201;
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await fixture.PushAsync());
        bobs = Assert.Single((await InboxAsync(team, team.Bob)).Items[0].Deliveries, d => d.Channel == Channels.Push);
        Assert.Equal((DeliveryStatus.Sent, 2), (bobs.Status, bobs.Attempts));
        Assert.Equal(2, _service.To(busy).Length);
    }

    [Fact]
    public async Task A_browser_is_one_device_subscribing_again_refreshes_it_and_a_person_sees_and_removes_only_their_own()
    {
        var team = await Team.JoinAsync(fixture);
        var browser = _service.NewBrowser();
        var first = await AddAsync(team, team.Bob, browser);
        var again = await AddAsync(team, team.Bob, browser, "Firefox on Linux");
        Assert.Equal(first.Id, again.Id);
        Assert.Equal("Firefox on Linux", Assert.Single(await DevicesAsync(team, team.Bob)).Label);

        Assert.False(await fixture.InTenantAsync(team.Organization, services => services.GetRequiredService<PushDevices>().RemoveAsync(team.Cy, first.Id, Cancel)));
        var other = await Team.JoinAsync(fixture);
        Assert.False(await fixture.InTenantAsync(other.Organization, services => services.GetRequiredService<PushDevices>().RemoveAsync(team.Bob, first.Id, Cancel)));
        Assert.True(await fixture.InTenantAsync(team.Organization, services => services.GetRequiredService<PushDevices>().RemoveAsync(team.Bob, first.Id, Cancel)));
        Assert.Empty(await DevicesAsync(team, team.Bob));
    }

    [Fact]
    public void A_subscription_must_name_a_known_push_service_over_https_and_real_keys()
    {
        var options = new PushOptions();
        var browser = _service.NewBrowser();
        var good = Subscription(browser) with { Endpoint = "https://fcm.googleapis.com/fcm/send/abc" };
        Assert.Empty(good.Validate(options));
        Assert.Contains("endpoint", (good with { Endpoint = "https://169.254.169.254/latest/meta-data" }).Validate(options).Keys);
        Assert.Contains("endpoint", (good with { Endpoint = "http://fcm.googleapis.com/fcm/send/abc" }).Validate(options).Keys);
        Assert.Contains("endpoint", (good with { Endpoint = "https://fcm.googleapis.com.evil.example/x" }).Validate(options).Keys);
        Assert.Contains("endpoint", Subscription(browser).Validate(options).Keys); // Loopback is not a push service unless configured.
        Assert.Contains("keys.p256dh", (good with { Keys = good.Keys! with { P256dh = "BAAA" } }).Validate(options).Keys);
        // 65 bytes starting 0x04, but not a point on the curve.
        Assert.Contains("keys.p256dh", (good with { Keys = good.Keys! with { P256dh = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode([0x04, .. new byte[64]]) } }).Validate(options).Keys);
        Assert.Contains("keys.auth", (good with { Keys = good.Keys! with { Auth = "c2hvcnQ" } }).Validate(options).Keys);
    }

    [Fact]
    public void The_vapid_key_pair_is_derived_from_the_secret_alike_on_every_replica()
    {
        var keys = VapidKeys.FromSecret("one secret");
        Assert.Equal(keys, VapidKeys.FromSecret("one secret"));
        Assert.NotEqual(keys, VapidKeys.FromSecret("another secret"));
        Assert.Equal(65, Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(keys.PublicKey).Length);
    }

    private static PushDeviceInput Subscription(TestPushService.Browser browser, string label = "Test browser") =>
        new(browser.Endpoint, new PushKeys(browser.Keys.P256dh, browser.Keys.Auth), label);

    private Task<PushDeviceView> AddAsync(Team team, Guid person, TestPushService.Browser browser, string label = "Test browser") =>
        fixture.InTenantAsync(team.Organization, async services =>
        {
            var subscription = Subscription(browser, label);
            Assert.Empty(subscription.Validate(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PushOptions>>().Value));
            return await services.GetRequiredService<PushDevices>().AddAsync(team.Organization, person, subscription, Cancel);
        });

    private Task<List<PushDeviceView>> DevicesAsync(Team team, Guid person) =>
        fixture.InTenantAsync(team.Organization, services => services.GetRequiredService<PushDevices>().ListAsync(person, Cancel));

    private Task<InboxPage> InboxAsync(Team team, Guid person) =>
        fixture.InTenantAsync(team.Organization, services => services.GetRequiredService<PersonalInbox>().PageAsync(person, "inbox", null, 50, Cancel));

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public void Dispose() => _service.Dispose();
}
