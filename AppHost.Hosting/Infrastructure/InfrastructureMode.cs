using System.Diagnostics;

namespace Platform.AppHost.Infrastructure;

/// <summary>Where Postgres and Redis come from.</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container runtime answers, else local processes.</summary>
    Auto,
    /// <summary>The standard Aspire container integrations.</summary>
    Containers,
    /// <summary>The OS-installed <c>postgres</c> and <c>redis-server</c> run as executable resources.</summary>
    Local,
}

public static class InfrastructureModeSelector
{
    public const string ConfigurationKey = "Infrastructure:Mode";

    /// <summary>
    /// Decides the mode once per AppHost. Publishing always targets containers (Kubernetes runs images,
    /// not this machine's binaries); otherwise configuration wins, else a container runtime must answer.
    /// </summary>
    public static InfrastructureMode Resolve(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return InfrastructureMode.Containers;
        }

        var configured = builder.Configuration[ConfigurationKey];
        var mode = string.IsNullOrWhiteSpace(configured)
            ? InfrastructureMode.Auto
            : Enum.TryParse<InfrastructureMode>(configured, ignoreCase: true, out var parsed)
                ? parsed
                : throw new DistributedApplicationException(
                    $"{ConfigurationKey} is '{configured}'; use Auto, Containers or Local.");

        if (mode != InfrastructureMode.Auto)
        {
            return mode;
        }

        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"]
            ?? builder.Configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"]
            ?? "docker";
        return ContainerRuntimeAnswers(runtime) ? InfrastructureMode.Containers : InfrastructureMode.Local;
    }

    /// <summary>A client on PATH is not enough (this machine has a docker client and no engine): the engine must answer.</summary>
    private static bool ContainerRuntimeAnswers(string runtime)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // Not installed.
        }
    }
}
