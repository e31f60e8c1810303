using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Notifications.Deliveries;

/// <summary>The organization's delivery log and counts (org:admin).</summary>
public static class DeliveryEndpoints
{
    public static RouteGroupBuilder MapDeliveryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/deliveries", List)
            .WithName("ListDeliveries")
            .WithSummary("The organization's latest deliveries, newest first; status queued, sent or failed narrows them")
            .ProducesValidationProblem();
        api.MapGet("/deliveries/summary", Summary)
            .WithName("SummarizeDeliveries")
            .WithSummary("Notifications made and read by kind, and deliveries by channel and status, over the last days (7 unless said)")
            .ProducesValidationProblem();
        return api;
    }

    public static async Task<Results<Ok<OrganizationDelivery[]>, ValidationProblem>> List(
        OrganizationDeliveries deliveries, CancellationToken cancellationToken, string? status = null, int limit = 50)
    {
        if (status is not null && !OrganizationDeliveries.Statuses.Contains(status))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"One of {string.Join(", ", OrganizationDeliveries.Statuses)}."] });
        }

        if (limit is < 1 or > OrganizationDeliveries.MaxPage)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"From 1 to {OrganizationDeliveries.MaxPage}."] });
        }

        return TypedResults.Ok(await deliveries.ListAsync(status, limit, cancellationToken));
    }

    public static async Task<Results<Ok<DeliverySummary>, ValidationProblem>> Summary(
        OrganizationDeliveries deliveries, CancellationToken cancellationToken, int days = 7) =>
        days is < 1 or > 90
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["From 1 to 90."] })
            : TypedResults.Ok(await deliveries.SummaryAsync(days, cancellationToken));
}
