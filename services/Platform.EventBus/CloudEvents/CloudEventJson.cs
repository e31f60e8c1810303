using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Platform.Contracts;
using Platform.EventBus.Outbox;

namespace Platform.EventBus.CloudEvents;

/// <summary>Reads and writes CloudEvents 1.0 in the structured JSON format (<c>application/cloudevents+json</c>).</summary>
public static class CloudEventJson
{
    public const string ContentType = "application/cloudevents+json";

    private static readonly HashSet<string> EnvelopeProperties =
        [nameof(IntegrationEvent.Id), nameof(IntegrationEvent.OrganizationId), nameof(IntegrationEvent.OccurredAt), nameof(IntegrationEvent.Subject)];

    private static readonly string[] RequiredAttributes = ["id", "source", "type", "time", "subject", "organizationid"];

    /// <summary>The event's own properties go into <c>data</c>; those of <see cref="IntegrationEvent"/> are envelope attributes.</summary>
    private static readonly JsonSerializerOptions DataOptions = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (info.Kind == JsonTypeInfoKind.Object && info.Type.IsAssignableTo(typeof(IntegrationEvent)))
                    {
                        foreach (var property in info.Properties.Where(p => p.AttributeProvider is System.Reflection.MemberInfo member && EnvelopeProperties.Contains(member.Name)).ToList())
                        {
                            info.Properties.Remove(property);
                        }
                    }
                },
            },
        },
    };

    /// <summary>The event's own properties: the CloudEvent's <c>data</c>.</summary>
    public static byte[] SerializeData(IntegrationEvent integrationEvent) =>
        JsonSerializer.SerializeToUtf8Bytes(integrationEvent, integrationEvent.GetType(), DataOptions);

    /// <summary>The outbox row as the CloudEvent that travels, with <paramref name="source"/> naming the producing service.</summary>
    public static byte[] Serialize(OutboxMessage message, string source)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + message.Data.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", "1.0");
            writer.WriteString("id", message.EventId);
            writer.WriteString("source", source);
            writer.WriteString("type", message.Type);
            writer.WriteString("time", message.OccurredAt);
            writer.WriteString("subject", message.Subject);
            writer.WriteString("datacontenttype", "application/json");
            writer.WriteString("organizationid", message.OrganizationId);
            writer.WriteNumber("schemaversion", message.SchemaVersion);
            if (message.TraceParent is not null)
            {
                writer.WriteString("traceparent", message.TraceParent);
            }

            if (message.TraceState is not null)
            {
                writer.WriteString("tracestate", message.TraceState);
            }

            writer.WritePropertyName("data");
            writer.WriteRawValue(message.Data, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Null and a reason a person can act on when the bytes are not a CloudEvent this bus can route.</summary>
    public static CloudEvent? TryParse(ReadOnlyMemory<byte> json, out string error)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "The message is not a JSON object, so not a CloudEvent.";
                return null;
            }

            if (Text(root, "specversion") != "1.0")
            {
                error = "The message is not a CloudEvents 1.0 event (specversion must be \"1.0\").";
                return null;
            }

            var missing = RequiredAttributes.Where(name => Text(root, name) is null).ToList();
            if (!root.TryGetProperty("data", out var data))
            {
                missing.Add("data");
            }

            if (missing.Count > 0)
            {
                error = $"The CloudEvent lacks {string.Join(", ", missing)}.";
                return null;
            }

            if (!Guid.TryParse(Text(root, "id"), out var id) || !Guid.TryParse(Text(root, "organizationid"), out var organization)
                || !DateTimeOffset.TryParse(Text(root, "time"), System.Globalization.CultureInfo.InvariantCulture, out var time))
            {
                error = "The CloudEvent's id and organizationid must be UUIDs and its time an RFC 3339 timestamp.";
                return null;
            }

            if (!root.TryGetProperty("schemaversion", out var version) || !version.TryGetInt32(out var schemaVersion))
            {
                error = "The CloudEvent has no integer schemaversion.";
                return null;
            }

            error = "";
            return new CloudEvent(id, Text(root, "source")!, Text(root, "type")!, time, Text(root, "subject")!, organization, schemaVersion,
                Text(root, "traceparent"), Text(root, "tracestate"), data.Clone());
        }
        catch (JsonException e)
        {
            error = $"The message is not valid JSON: {e.Message}";
            return null;
        }
    }

    /// <summary>The typed event: its data plus the envelope's id, organization and time.</summary>
    public static IntegrationEvent ReadEvent(CloudEvent cloudEvent, Type eventType)
    {
        var integrationEvent = (IntegrationEvent?)cloudEvent.Data.Deserialize(eventType, DataOptions)
            ?? throw new JsonException("The CloudEvent's data is null.");
        return integrationEvent with { Id = cloudEvent.Id, OrganizationId = cloudEvent.OrganizationId, OccurredAt = cloudEvent.Time };
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
