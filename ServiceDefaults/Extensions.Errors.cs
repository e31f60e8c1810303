using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    private const string TransientFailureDetail = "The service could not finish this request with its database just now (busy or briefly unreachable); try again in a moment.";
    private const string TransientFailureRetryAfterSeconds = "5";

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
                if (bad.InnerException is JsonException { Path: { Length: > 1 } path } field)
                {
                    context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [FieldName(path)] = [field.Message] };
                }
            }
            else if (context.Exception is { } exception && IsTransientDatabaseFailure(exception))
            {
                context.ProblemDetails.Detail = TransientFailureDetail;
                context.HttpContext.Response.Headers.RetryAfter = TransientFailureRetryAfterSeconds;
            }

            context.ProblemDetails.Extensions["traceId"] =
                System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        });
        // A request the framework cannot read (malformed JSON, a value of the wrong type, a body over the
        // size limit) is the client's mistake: it keeps its 4xx status in every environment.
        builder.Services.Configure<Microsoft.AspNetCore.Builder.ExceptionHandlerOptions>(options => options.StatusCodeSelector = exception => exception switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            _ when IsTransientDatabaseFailure(exception) => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status500InternalServerError,
        });
        builder.Services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        return builder;
    }

    /// <summary>
    /// A failure the database driver calls transient (every pooled connection busy past the pool's wait, a
    /// timeout, a dropped connection, a deadlock), also when EF Core wraps it: the service could not serve the
    /// request just now and the same request may succeed a moment later, so it is a 503, not a 500.
    /// </summary>
    private static bool IsTransientDatabaseFailure(Exception exception) =>
        exception is DbException { IsTransient: true } || (exception.InnerException is { } inner && IsTransientDatabaseFailure(inner));

    /// <summary>A JSON path as a field name: <c>$.labels[2]</c> is <c>labels[2]</c>.</summary>
    public static string FieldName(string jsonPath) => jsonPath.TrimStart('$', '.');

    /// <summary>The one place the wire format of JSON is decided (APIs, events and clients share it); every string read is checked (<see cref="TextInput"/>).</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.Converters.Add(new CheckedStringConverter());
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }
}
