using Microsoft.Extensions.Options;
using Platform.Notifications.Email;
using Platform.Notifications.Unsubscribe;

namespace Platform.Notifications.Tests;

public sealed class UnsubscribeLinkTests
{
    private static UnsubscribeLinks Links(string key) =>
        new(Options.Create(new MailOptions { ApiAddress = new Uri("https://api.example/"), UnsubscribeKey = key }));

    [Fact]
    public void A_link_says_whom_and_which_kind_and_only_its_key_makes_it()
    {
        var (organization, user) = (Guid.NewGuid(), Guid.NewGuid());
        var link = Links("first key, long enough to sign").For(organization, user, "comment")!;
        var token = link.Segments[^1];

        Assert.StartsWith("https://api.example/api/notifications/unsubscribe/", link.AbsoluteUri);
        Assert.Equal(new UnsubscribeRequest(organization, user, "comment"), Links("first key, long enough to sign").Read(token));
        Assert.Null(Links("another key, long enough to sign").Read(token));
        Assert.Null(Links("first key, long enough to sign").Read(token[..^2] + "xx"));
        Assert.Null(Links("first key, long enough to sign").Read("not a token"));
    }
}
