using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Strings are read by <see cref="CheckedStringConverter"/>, a custom converter, so the API description would leave
/// their type open (<c>{}</c>); this says they are strings again, nullable where the C# type is.
/// </summary>
internal static class CheckedStringSchema
{
    public static Task DescribeAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
        {
            schema.Type = IsNullable(context) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        return Task.CompletedTask;
    }

    private static bool IsNullable(OpenApiSchemaTransformerContext context) => context.JsonPropertyInfo?.AttributeProvider switch
    {
        PropertyInfo property => new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable,
        FieldInfo field => new NullabilityInfoContext().Create(field).WriteState == NullabilityState.Nullable,
        _ => false,
    };
}
