namespace Platform.Testing;

public static class TestFolders
{
    /// <summary>A temporary folder that the postgres user (which the server runs as under root) may enter.</summary>
    public static string CreateReachableByPostgres(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return folder;
    }
}
