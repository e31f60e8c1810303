using System.Diagnostics.Metrics;

namespace Platform.Files;

/// <summary>The files service's meter: bytes received and stored, scan verdicts, refused uploads, upload-to-searchable time.</summary>
public sealed class FilesMetrics
{
    public const string MeterName = "Platform.Files";

    private readonly Counter<long> _received;
    private readonly Counter<long> _stored;
    private readonly Counter<long> _scans;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _processing;

    public FilesMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("files.upload.bytes", "By", "Bytes of uploads received");
        _stored = meter.CreateCounter<long>("files.stored.bytes", "By", "Bytes of clean originals stored less those deleted");
        _scans = meter.CreateCounter<long>("files.scans", description: "Virus scans by verdict (clean, infected, failed)");
        _refused = meter.CreateCounter<long>("files.upload.refused", description: "Uploads refused by their sniffed type");
        _processing = meter.CreateHistogram<double>("files.processing.duration", "s", "From an upload's last byte to its file scanned and processed");
    }

    public void Received(long bytes) => _received.Add(bytes);

    public void Stored(long bytes) => _stored.Add(bytes);

    public void Scanned(string verdict) => _scans.Add(1, new KeyValuePair<string, object?>("verdict", verdict));

    public void Refused() => _refused.Add(1);

    public void Processed(TimeSpan sinceComplete) => _processing.Record(sinceComplete.TotalSeconds);
}
