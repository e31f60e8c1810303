using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

public static class TextInputChecks
{
    /// <summary>First in a service's pipeline (before authentication, which reads OAuth forms); not in the gateway, which must not read bodies it forwards.</summary>
    public static IApplicationBuilder UseTextInputChecks(this IApplicationBuilder app) => app.UseMiddleware<TextInputMiddleware>();
}

/// <summary>
/// Query parameters and form fields are held to <see cref="TextInput"/> before any endpoint runs (JSON bodies are, as
/// they are read): a bad one is a 400 naming it, and nothing is done.
/// </summary>
public sealed class TextInputMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, values) in context.Request.Query)
        {
            Check(name, values, errors);
        }

        // Urlencoded forms only (sign-in, OAuth): a multipart upload is not buffered here.
        if (context.Request.HasFormContentType && context.Request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                foreach (var (name, values) in await context.Request.ReadFormAsync(context.RequestAborted))
                {
                    Check(name, values, errors);
                }
            }
            catch (InvalidDataException e)
            {
                // The form reader itself refuses a NUL (and a form over its limits), before any field can be named.
                errors["form"] = [e.InnerException?.Message is { } reason ? $"{e.Message} {reason}" : e.Message];
            }
        }

        if (errors.Count > 0)
        {
            await Results.ValidationProblem(errors, detail: "A parameter holds text that cannot be accepted.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>A bad parameter is named, unless its name is what is bad.</summary>
    private static void Check(string name, Microsoft.Extensions.Primitives.StringValues values, Dictionary<string, string[]> errors)
    {
        if (TextInput.Problem(name) is { } badName)
        {
            errors["parameter"] = [$"A parameter name {badName}."];
        }
        else if (values.Select(value => value is null ? null : TextInput.Problem(value)).FirstOrDefault(problem => problem is not null) is { } problem)
        {
            errors[name] = [$"The value {problem}."];
        }
    }
}
