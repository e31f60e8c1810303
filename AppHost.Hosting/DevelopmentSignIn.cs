namespace Platform.AppHost;

public static class DevelopmentSignIn
{
    // The identity service seeds these in Development only (services/Identity/Development/DevelopmentSeed.cs).
    public const string OwnerEmail = "owner@acme.test";
    public const string MemberEmail = "member@acme.test";
    public const string Password = "Platform-dev-2026";

    /// <summary>The dashboard shows the identity service's sign-in page with the demo sign-ins beside it.</summary>
    public static IResourceBuilder<ProjectResource> WithDevelopmentSignInLink(this IResourceBuilder<ProjectResource> identity) =>
        identity.WithUrls(context =>
        {
            if (context.ExecutionContext.IsRunMode && context.GetEndpoint("http") is { } endpoint)
            {
                context.Urls.Add(new ResourceUrlAnnotation
                {
                    Url = $"{endpoint.Url}/account/login",
                    DisplayText = $"Sign in: {OwnerEmail} or {MemberEmail} / {Password}",
                });
            }
        });
}
