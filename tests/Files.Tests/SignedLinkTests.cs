using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.Files.Downloads;

namespace Platform.Files.Tests;

public sealed class SignedLinkTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    private SignedLinks Links(string key = "a key") =>
        new(Options.Create(new FilesOptions { LinkKey = key, LinkLifetime = TimeSpan.FromMinutes(10) }), _clock);

    [Fact]
    public void A_link_opens_its_variant_of_its_file_of_its_organization_until_it_expires()
    {
        var (organization, file) = (Guid.NewGuid(), Guid.NewGuid());
        var link = Links().Create(organization, file, "thumbnail");
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), link.Path).Query);
        var (expires, signature) = (long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture), query["signature"]!);

        Assert.Equal(LinkCheck.Valid, Links().Check(organization, file, "thumbnail", expires, signature));
        Assert.Equal(LinkCheck.Forged, Links().Check(organization, file, "original", expires, signature));
        Assert.Equal(LinkCheck.Forged, Links().Check(Guid.NewGuid(), file, "thumbnail", expires, signature));
        Assert.Equal(LinkCheck.Forged, Links().Check(organization, file, "thumbnail", expires + 3600, signature));
        Assert.Equal(LinkCheck.Forged, Links("another key").Check(organization, file, "thumbnail", expires, signature));

        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(LinkCheck.Expired, Links().Check(organization, file, "thumbnail", expires, signature));
    }
}
