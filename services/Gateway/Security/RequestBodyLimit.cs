using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Security;

/// <summary>
/// A route may take less than the gateway's own limit: its metadata <c>MaxRequestBodyBytes</c> (the AppHost writes each
/// service's own limit there). Only a route whose metadata also says <c>AboveGatewayLimit</c> may take more (the files
/// service's uploads). A body over it is refused here with 413, whether its length is declared or it is
/// chunked, instead of being forwarded until the service cuts the connection and the client sees a 502.
/// </summary>
public static class RequestBodyLimit
{
    private const string MetadataKey = "MaxRequestBodyBytes";

    /// <summary>
    /// After routing, before the proxy: lowers the body limit to the route's (or raises it, where the route may go above). Kestrel then fails the proxy's first read
    /// of a body whose declared length is over it, and the read past it of a chunked one; the request is not answered
    /// here, since Kestrel closes the connection cleanly only for a body that was read until it failed.
    /// </summary>
    public static IApplicationBuilder UseRouteBodyLimits(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (RouteLimit(context) is { } routeLimit && limit is { IsReadOnly: false }
            && (limit.MaxRequestBodySize is null || routeLimit < limit.MaxRequestBodySize || MayGoAbove(context)))
        {
            limit.MaxRequestBodySize = routeLimit;
        }

        return next(context);
    });

    /// <summary>
    /// In the proxy's pipeline: a body over the limit fails the forward while it is read; the client gets a 413 with
    /// problem details saying the limit (the proxy alone answers a bare status).
    /// </summary>
    public static async Task AnswerBodiesOverTheLimitAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error is not null && !context.Response.HasStarted && IsBodyTooLarge(error.Exception))
        {
            context.Response.Clear();
            await TooLarge(context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize).ExecuteAsync(context);
        }
    }

    private static long? RouteLimit(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata?.TryGetValue(MetadataKey, out var value) == true
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
            ? bytes
            : null;

    private static bool MayGoAbove(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata?.TryGetValue("AboveGatewayLimit", out var value) == true && value == "true";

    private static bool IsBodyTooLarge(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }

    private static IResult TooLarge(long? limit) => Results.Problem(
        $"The request body is larger than this route takes ({limit} bytes).", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");
}
