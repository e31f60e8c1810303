using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Ai.Experiments;

/// <summary>
/// Which arm a user is in: a stable hash of the experiment and the user, so the same person always gets the same model
/// for the experiment's whole run (on every replica), and different experiments split people independently.
/// </summary>
public static class ExperimentRouting
{
    public static string ArmOf(Guid experimentId, string userId, int variantSharePercent)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{experimentId:N}:{userId}"));
        return BinaryPrimitives.ReadUInt64BigEndian(hash) % 100 < (ulong)variantSharePercent ? ExperimentReport.Variant : ExperimentReport.Control;
    }
}
