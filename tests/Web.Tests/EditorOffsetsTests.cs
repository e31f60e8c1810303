using System.Diagnostics;

namespace Platform.Web.Tests;

/// <summary>
/// The editor's mapping between CodeMirror's UTF-16 positions and the operations' code points (web/editor/src/offsets.js),
/// checked by its node tests against ot-text-unicode, the operations' reference: random documents with emoji and
/// combining marks, change sets with several edits, and operations.
/// </summary>
public sealed class EditorOffsetsTests
{
    [Fact]
    public async Task Change_sets_operations_and_positions_map_as_ot_text_unicode_counts()
    {
        var start = new ProcessStartInfo("node", ["--test", "test/"])
        {
            WorkingDirectory = Path.GetFullPath(Path.Combine(SourceFolder(), "..", "..", "web", "editor")),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, $"{await output}\n{await errors}");
        Assert.Contains("# fail 0", await output, StringComparison.Ordinal);
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
