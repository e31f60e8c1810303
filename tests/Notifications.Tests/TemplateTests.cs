using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Platform.Notifications.Branding;
using Platform.Notifications.Inbox;
using Platform.Notifications.Preferences;
using Platform.Notifications.Templates;

namespace Platform.Notifications.Tests;

/// <summary>Every notification in every language, filled safely; a person's mail in their language with the organization's branding.</summary>
public sealed class TemplateTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Languages => [.. NoticeTexts.Names.Keys];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_language_words_every_notification_with_the_same_values_as_english(string language)
    {
        var english = NoticeTexts.In("en");
        var texts = NoticeTexts.In(language);
        Assert.Equal(TemplateNames.All.Order(), texts.Notices.Keys.Order());
        foreach (var (name, template) in english.Notices)
        {
            Assert.Equal(Placeholders(template.Title + template.Body), Placeholders(texts.Notices[name].Title + texts.Notices[name].Body));
        }

        var mail = (english.Mail, texts.Mail);
        foreach (var words in new Func<MailWords, string>[] { w => w.OpenText, w => w.DigestHeading, w => w.DigestSubject, w => w.Footer, w => w.SentBy })
        {
            Assert.Equal(Placeholders(words(mail.Item1)), Placeholders(words(mail.Item2)));
        }
    }

    [Fact]
    public void Values_are_put_in_once_as_text_and_dates_in_the_languages_own_form()
    {
        var values = new Dictionary<string, object> { ["actor"] = "{title}", ["key"] = "PLAT-1", ["title"] = "Use {actor} <b>now</b>" };
        Assert.Equal("{title} assigned you PLAT-1: Use {actor} <b>now</b>", NoticeTexts.Render(TemplateNames.Assigned, "en", values).Title);

        var due = new Dictionary<string, object> { ["key"] = "PLAT-2", ["title"] = "Ship", ["due"] = new DateOnly(2026, 12, 24) };
        Assert.Equal("PLAT-2 est à rendre le jeudi 24 décembre 2026 : Ship", NoticeTexts.Render(TemplateNames.DueSoon, "fr", due).Title);
        Assert.Equal("PLAT-2 ist am Donnerstag, 24. Dezember 2026 fällig: Ship", NoticeTexts.Render(TemplateNames.DueSoon, "de", due).Title);
        // A language nobody speaks here falls back to English.
        Assert.Equal("PLAT-2 is due on Thursday, 24 December 2026: Ship", NoticeTexts.Render(TemplateNames.DueSoon, "xx", due).Title);
    }

    [Fact]
    public async Task A_person_who_reads_french_gets_their_notification_and_its_mail_in_french_with_the_organizations_branding()
    {
        var team = await Team.JoinAsync(fixture);
        await fixture.PublishAsync(new Contracts.MemberJoined(team.Ada, team.EmailOf(team.Ada), "Ada Lovelace", "owner")
            { OrganizationId = team.Organization, OrganizationName = "Acme <Labs>" });
        await fixture.InTenantAsync(team.Organization, async services =>
        {
            // A colour that would reach into the style attribute, a logo not over https: refused.
            Assert.Equal(["accentColor", "logoUrl"], new BrandingInput("red; background:url(x)", "http://logo.example/a.png").Validate().Keys.Order());
            await services.GetRequiredService<BrandingBook>().PutAsync(new BrandingInput("#0f766e", "https://acme.example/logo.png"), Cancel);
            return await services.GetRequiredService<PreferenceBook>().PutAsync(team.Organization, team.Bob,
                new PreferenceInput("Europe/Paris", null, null, null, null, [], Language: "fr"), Cancel);
        });

        var task = Guid.NewGuid();
        await fixture.PublishAsync(team.TaskCreated(task, "LOC-1", "Traduire l'interface", actor: team.Ada));
        await fixture.PublishAsync(team.Assign(task, "LOC-1", actor: team.Ada, assignee: team.Bob));
        await fixture.SendMailAsync();

        var item = Assert.Single((await fixture.InTenantAsync(team.Organization, services =>
            services.GetRequiredService<PersonalInbox>().PageAsync(team.Bob, "inbox", null, 50, Cancel))).Items);
        Assert.Equal("Ada Lovelace vous a assigné LOC-1 : Traduire l'interface", item.Title);
        Assert.Equal("Traduire l'interface\nVous êtes maintenant responsable de LOC-1.", item.Body);

        var mail = Assert.Single(await fixture.Mail.WaitForAsync(team.EmailOf(team.Bob), 1, Cancel));
        Assert.Equal(item.Title, mail.GetProperty("subject").GetString());
        var html = mail.GetProperty("html").GetString()!;
        Assert.Contains("lang=\"fr\"", html);
        Assert.Contains(">Ouvrir dans Platform</a>", html);
        Assert.Contains("background:#0f766e", html);
        Assert.Contains("<img src=\"https://acme.example/logo.png\" alt=\"Acme &lt;Labs&gt;\"", html);
        Assert.Contains("Envoyé pour Acme &lt;Labs&gt; par Platform.", html);
        Assert.Contains("Ouvrir : https://platform.example/inbox/", mail.GetProperty("text").GetString());
        Assert.Equal("Acme <Labs> (Platform)", mail.GetProperty("from")[0].GetProperty("name").GetString());
        // Ada reads English, the default.
        await fixture.PublishAsync(team.Comment(task, "LOC-1", team.Bob, "Je m'en occupe"));
        Assert.StartsWith("Bob Builder commented on LOC-1", Assert.Single((await fixture.InTenantAsync(team.Organization, services =>
            services.GetRequiredService<PersonalInbox>().PageAsync(team.Ada, "inbox", null, 50, Cancel))).Items).Title);
    }

    private static string[] Placeholders(string text) => [.. NoticeTexts.PlaceholdersIn(text).Distinct().Order()];
}
