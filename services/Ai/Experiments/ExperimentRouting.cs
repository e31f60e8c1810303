using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Ai.Experiments;

/// <summary>
/// Which arm a request is in: a stable hash of the experiment and the person (or, in an experiment routed by
/// conversation, the conversation the client names), so the same person or conversation always gets the same model for
/// the experiment's whole run (on every replica), and different experiments split people independently.
/// </summary>
public static class ExperimentRouting
{
    public const string ByUser = "user";
    public const string ByConversation = "conversation";

    public static string ArmOf(Guid experimentId, string routeBy, string userId, string? conversation, int variantSharePercent) =>
        ArmOf(experimentId, routeBy == ByConversation && conversation is not null ? $"conversation:{conversation}" : userId, variantSharePercent);

    public static string ArmOf(Guid experimentId, string key, int variantSharePercent)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{experimentId:N}:{key}"));
        return BinaryPrimitives.ReadUInt64BigEndian(hash) % 100 < (ulong)variantSharePercent ? ExperimentReport.Variant : ExperimentReport.Control;
    }
}
