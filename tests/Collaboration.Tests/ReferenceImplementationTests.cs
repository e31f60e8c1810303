using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Collaboration.Ot;

namespace Platform.Collaboration.Tests;

/// <summary>
/// Differential test: the same random cases through this library and through the npm package ot-text-unicode
/// (the wire format's reference), compared as JSON. scripts/setup.sh installs the package.
/// </summary>
public sealed class ReferenceImplementationTests
{
    private const int Cases = 3000;
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task Apply_transform_compose_and_cursors_match_ot_text_unicode()
    {
        var cases = new List<(string Doc, TextOperation A, TextOperation B, TextOperation C, int Cursor)>();
        for (var seed = 0; seed < Cases; seed++)
        {
            var edits = new RandomEdits(seed);
            var doc = edits.Text(40);
            var length = CodePoints.Count(doc);
            var a = edits.Op(length);
            var c = edits.Op(CodePoints.Count(a.Apply(doc)));
            cases.Add((doc, a, edits.Op(length), c, edits.Random.Next(length + 1)));
        }

        var input = string.Join("\n", cases.Select(x => JsonSerializer.Serialize(new { doc = x.Doc, a = x.A, b = x.B, c = x.C, cursor = x.Cursor }, Json)));
        var answers = await RunReferenceAsync(input);

        Assert.Equal(cases.Count, answers.Length);
        for (var i = 0; i < cases.Count; i++)
        {
            var (doc, a, b, c, cursor) = cases[i];
            var expected = JsonNode.Parse(answers[i])!;
            var actual = JsonSerializer.SerializeToNode(new
            {
                afterA = a.Apply(doc),
                aLeft = TextOperation.Transform(a, b, Side.Left),
                aRight = TextOperation.Transform(a, b, Side.Right),
                composed = TextOperation.Compose(a, c),
                cursor = TextOperation.TransformPosition(cursor, a),
            }, Json)!;
            Assert.True(JsonNode.DeepEquals(expected, actual), $"Case {i}: reference {expected.ToJsonString(Json)}, ours {actual.ToJsonString(Json)}");
        }
    }

    private static async Task<string[]> RunReferenceAsync(string input)
    {
        // Runs beside its package.json and node_modules in the source tree.
        var folder = Path.Combine(SourceFolder(), "reference");
        var start = new ProcessStartInfo("node", ["ot-reference.mjs"])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.StandardInput.WriteAsync(input);
        node.StandardInput.Close();
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, $"node failed: {await errors}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
