namespace Platform.AppHost.Infrastructure;

internal static class LocalUser
{
    public static bool IsRoot => OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess;
}
