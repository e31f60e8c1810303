using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Platform.AppHost.Infrastructure;

/// <summary>Runs a set-up command to completion, its output going to the resource's log in the dashboard.</summary>
internal static class ProcessRunner
{
    public static async Task RunAsync(string command, IReadOnlyList<string> arguments, ILogger log, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(startInfo)
            ?? throw new DistributedApplicationException($"Could not start '{command}'.");
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) log.LogInformation("{Line}", line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) log.LogWarning("{Line}", line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException(
                $"'{command} {string.Join(' ', arguments)}' exited with code {process.ExitCode}; its output is in this resource's log.");
        }
    }
}
