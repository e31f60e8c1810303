using System.Text;
using Platform.Webhooks.Signatures;

namespace Platform.Webhooks.Tests;

/// <summary>Each scheme checked against its own published example, and against the tampering it exists to catch.</summary>
public sealed class SignatureTests
{
    private static readonly byte[] HelloWorld = Encoding.UTF8.GetBytes("Hello, World!");

    [Fact]
    public void GitHubs_documented_example_verifies()
    {
        const string expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        Assert.Equal(expected, GitHubSignature.Sign("It's a Secret to Everybody", HelloWorld));
        Assert.True(GitHubSignature.Verify("It's a Secret to Everybody", HelloWorld, expected));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    public void A_missing_malformed_or_wrong_GitHub_signature_fails(string? header) =>
        Assert.False(GitHubSignature.Verify("It's a Secret to Everybody", HelloWorld, header));

    [Fact]
    public void A_GitHub_body_with_one_byte_changed_fails()
    {
        var signature = GitHubSignature.Sign("It's a Secret to Everybody", HelloWorld);
        var tampered = (byte[])HelloWorld.Clone();
        tampered[^1] ^= 1;
        Assert.False(GitHubSignature.Verify("It's a Secret to Everybody", tampered, signature));
        Assert.False(GitHubSignature.Verify("another secret", HelloWorld, signature));
    }

    [Fact]
    public void The_Standard_Webhooks_example_verifies_within_five_minutes_only()
    {
        // The example of the Standard Webhooks specification's reference libraries.
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");
        const string id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        const long timestamp = 1614265330;
        const string signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        var sent = DateTimeOffset.FromUnixTimeSeconds(timestamp);

        Assert.Equal(signature, StandardWebhooks.Sign(secret, id, timestamp, body));
        Assert.Equal(StandardWebhooksCheck.Valid, StandardWebhooks.Verify(secret, id, "1614265330", signature, body, sent.AddMinutes(4)));
        Assert.Equal(StandardWebhooksCheck.Stale, StandardWebhooks.Verify(secret, id, "1614265330", signature, body, sent.AddMinutes(6)));
        Assert.Equal(StandardWebhooksCheck.Stale, StandardWebhooks.Verify(secret, id, "1614265330", signature, body, sent.AddMinutes(-6)));
        // During a rotation the sender signs with both keys: any one that verifies will do.
        Assert.Equal(StandardWebhooksCheck.Valid, StandardWebhooks.Verify(secret, id, "1614265330", $"v1,bm90IGl0 {signature}", body, sent));
        Assert.Equal(StandardWebhooksCheck.Invalid, StandardWebhooks.Verify(secret, "msg_other", "1614265330", signature, body, sent));
        Assert.Equal(StandardWebhooksCheck.Invalid, StandardWebhooks.Verify(secret, id, "1614265330", "v2," + signature[3..], body, sent));
        Assert.Equal(StandardWebhooksCheck.Missing, StandardWebhooks.Verify(secret, id, "yesterday", signature, body, sent));
        Assert.Equal(StandardWebhooksCheck.Missing, StandardWebhooks.Verify(secret, null, "1614265330", signature, body, sent));
    }

    [Fact]
    public void A_GitLab_token_must_be_the_secret_itself()
    {
        Assert.True(GitLabToken.Verify("s3cret-token", "s3cret-token"));
        Assert.False(GitLabToken.Verify("s3cret-token", "s3cret-tokem"));
        Assert.False(GitLabToken.Verify("s3cret-token", null));
        Assert.False(GitLabToken.Verify("s3cret-token", ""));
    }
}
