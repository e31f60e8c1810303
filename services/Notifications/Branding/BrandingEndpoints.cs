using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Notifications.Branding;

/// <summary>The organization's look in mail: read by its members, changed by its administrators.</summary>
public static class BrandingEndpoints
{
    public static RouteGroupBuilder MapBrandingRead(this RouteGroupBuilder api)
    {
        api.MapGet("/branding", Get).WithName("GetBranding").WithSummary("How the organization's mail looks: its name, accent colour and logo");
        return api;
    }

    public static RouteGroupBuilder MapBrandingChange(this RouteGroupBuilder api)
    {
        api.MapPut("/branding", Put)
            .WithName("PutBranding")
            .WithSummary("Choose the accent colour (#rrggbb) and logo (an https image address) of the organization's mail; absent fields are cleared")
            .ProducesValidationProblem();
        return api;
    }

    public static async Task<Ok<BrandingView>> Get(BrandingBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(BrandingView.Of(await book.CurrentAsync(cancellationToken)));

    public static async Task<Results<Ok<BrandingView>, ValidationProblem>> Put(BrandingInput input, BrandingBook book, CancellationToken cancellationToken) =>
        input.Validate() is { Count: > 0 } errors
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(BrandingView.Of(await book.PutAsync(input, cancellationToken)));
}
