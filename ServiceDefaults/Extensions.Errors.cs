using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// Every error leaves a service as RFC 7807 problem details carrying the trace id, so a user's
    /// report can be found in the dashboard; exception details never leave the process.
    /// </summary>
    public static TBuilder AddDefaultErrorHandling<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            if (context.Exception is BadHttpRequestException bad)
            {
                // Says which parameter or JSON path was wrong; nothing internal is in these messages.
                context.ProblemDetails.Detail = bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
            }

            context.ProblemDetails.Extensions["traceId"] =
                System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        });
        // A request the framework cannot read (malformed JSON, a value of the wrong type, a body over the
        // size limit) is the client's mistake: it keeps its 4xx status in every environment.
        builder.Services.Configure<Microsoft.AspNetCore.Builder.ExceptionHandlerOptions>(options => options.StatusCodeSelector =
            exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        return builder;
    }

    /// <summary>The one place the wire format of JSON is decided (APIs, events and clients share it).</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }
}
