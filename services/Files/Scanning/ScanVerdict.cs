namespace Platform.Files.Scanning;

/// <summary>What the scanner said: clean, infected (with the signature's name), or no answer to rely on (scan again later).</summary>
public sealed record ScanVerdict(ScanOutcome Outcome, string? Detail)
{
    public static readonly ScanVerdict Clean = new(ScanOutcome.Clean, null);

    /// <summary>clamd's reply to INSTREAM: <c>stream: OK</c>, <c>stream: Name FOUND</c>, or <c>… ERROR</c>.</summary>
    public static ScanVerdict FromReply(string reply)
    {
        reply = reply.TrimEnd('\0', '\n', '\r', ' ');
        if (reply == "stream: OK")
        {
            return Clean;
        }

        if (reply.StartsWith("stream: ", StringComparison.Ordinal) && reply.EndsWith(" FOUND", StringComparison.Ordinal))
        {
            return new(ScanOutcome.Infected, reply["stream: ".Length..^" FOUND".Length]);
        }

        return new(ScanOutcome.Failed, reply.Length == 0 ? "The scanner closed the connection without an answer." : reply);
    }
}

public enum ScanOutcome
{
    Clean,
    Infected,
    Failed,
}
