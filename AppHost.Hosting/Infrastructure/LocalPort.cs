namespace Platform.AppHost.Infrastructure;

internal static class LocalPort
{
    /// <summary>
    /// A fixed port (clear of the system servers' 5432 and 6379) so local tools can connect; when it is
    /// taken, say so and use a free one rather than fail. 0 asks for a free one.
    /// </summary>
    public static int Choose(IDistributedApplicationBuilder builder, string configurationKey, int defaultPort, string resourceName)
    {
        var port = int.TryParse(builder.Configuration[configurationKey], out var configured) ? configured : defaultPort;
        if (port != 0 && PortProbe.IsFree(port))
        {
            return port;
        }

        if (port != 0)
        {
            Console.Error.WriteLine(
                $"warn: port {port} for '{resourceName}' is in use; a free port is used instead (set {configurationKey} to choose one).");
        }

        return PortProbe.AnyFree();
    }
}
