using System.Diagnostics;
using System.Security.Cryptography;

namespace Platform.Testing;

/// <summary>
/// A ClamAV signature database made by ClamAV's own <c>sigtool</c> (nothing is downloaded here): an MD5 signature of the
/// EICAR test file and a SHA-256 signature of a sample generated for this run, so a scan that finds them is real.
/// </summary>
public sealed class TestSignatures
{
    public const string SampleSignature = "Platform.Test.Sample";
    public const string EicarSignature = "Platform.Test.EICAR-MD5";

    /// <summary>The EICAR test file: harmless, and recognised by every virus scanner as a test (its 68 bytes).</summary>
    public static byte[] Eicar => "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"u8.ToArray();

    private TestSignatures(string folder, byte[] sample)
    {
        Folder = folder;
        Sample = sample;
    }

    public string Folder { get; }

    /// <summary>Bytes nobody else has: only this run's signature finds them.</summary>
    public byte[] Sample { get; }

    public static async Task<TestSignatures> CreateAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("platform-signatures-").FullName;
        var work = Directory.CreateTempSubdirectory("platform-signed-").FullName;
        try
        {
            var sample = RandomNumberGenerator.GetBytes(8192);
            await File.WriteAllBytesAsync(Path.Combine(work, "eicar.com"), Eicar, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(work, "sample.bin"), sample, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "platform-tests.hdb"),
                Named(await SigtoolAsync(work, "--md5", "eicar.com", cancellationToken), EicarSignature), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "platform-tests.hsb"),
                Named(await SigtoolAsync(work, "--sha256", "sample.bin", cancellationToken), SampleSignature), cancellationToken);
            return new TestSignatures(folder, sample);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>sigtool prints <c>hash:size:file name</c>; the database takes a signature name where the file name is.</summary>
    private static string Named(string line, string name) => string.Join(':', line.Trim().Split(':')[..2].Append(name)) + "\n";

    private static async Task<string> SigtoolAsync(string folder, string option, string file, CancellationToken cancellationToken)
    {
        using var sigtool = Process.Start(new ProcessStartInfo("sigtool", [option, file]) { WorkingDirectory = folder, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("sigtool did not start (Debian's clamav package has it; the README's commands install it).");
        var output = await sigtool.StandardOutput.ReadToEndAsync(cancellationToken);
        await sigtool.WaitForExitAsync(cancellationToken);
        return sigtool.ExitCode == 0 ? output : throw new InvalidOperationException($"sigtool {option} {file} failed ({sigtool.ExitCode}).");
    }
}
