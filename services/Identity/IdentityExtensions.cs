namespace Microsoft.Extensions.Hosting;

public static class IdentityExtensions
{
    public static IHostApplicationBuilder AddIdentityServices(this IHostApplicationBuilder builder)
    {
        builder.AddIdentityData();
        return builder;
    }

    public static WebApplication MapIdentityApi(this WebApplication app) => app;
}
