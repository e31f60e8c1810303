using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Platform.Collaboration.Ot;

namespace Platform.Benchmarks.Collaboration;

/// <summary>
/// Replays a real keystroke trace (../shared/data/automerge-paper.json.gz, 259,778 edits; source: the
/// editing-traces collection, automerge-perf data by Martin Kleppmann, CC BY 4.0) through the document structure.
/// Parsing is not timed; each run starts from an empty rope and must end in the trace's final text.
/// </summary>
internal static class EditingTraceBench
{
    private readonly record struct Patch(int Position, int Deleted, string Inserted);

    public static int Run(string path, int runs)
    {
        var (patches, endContent) = Load(path);
        var times = new List<double>();
        for (var run = 0; run < runs + 5; run++)
        {
            var clock = Stopwatch.StartNew();
            var rope = Replay(patches);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (run == 0 && rope.ToString() != endContent)
            {
                Console.Error.WriteLine("The replay did not produce the trace's final text.");
                return 1;
            }
            if (run >= 5)
            {
                times.Add(elapsed);
            }
        }
        times.Sort();
        Console.WriteLine($"editing trace: {patches.Length} edits, final document {CodePoints.Count(endContent)} code points");
        Console.WriteLine($"replay over {runs} runs (after 5 warm-up): min {times[0]:F1} ms, p50 {Percentiles.Of(times, 50):F1} ms, " +
            $"p99 {Percentiles.Of(times, 99):F1} ms, {patches.Length / Percentiles.Of(times, 50) / 1000:F1} M edits/s");
        return 0;
    }

    private static Rope Replay(Patch[] patches)
    {
        var rope = new Rope();
        foreach (var (position, deleted, inserted) in patches)
        {
            if (deleted > 0)
            {
                rope.Delete(position, deleted);
            }
            if (inserted.Length > 0)
            {
                rope.Insert(position, inserted);
            }
        }
        return rope;
    }

    private static (Patch[] Patches, string EndContent) Load(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var trace = JsonDocument.Parse(gzip);
        var patches = new List<Patch>();
        foreach (var txn in trace.RootElement.GetProperty("txns").EnumerateArray())
        {
            foreach (var patch in txn.GetProperty("patches").EnumerateArray())
            {
                patches.Add(new Patch(patch[0].GetInt32(), patch[1].GetInt32(), patch[2].GetString()!));
            }
        }
        return ([.. patches], trace.RootElement.GetProperty("endContent").GetString()!);
    }
}
