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

    /// <summary>The clone's root folder (the one holding Aspire.Platform.sln), found from the test's output folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Aspire.Platform.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("Aspire.Platform.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
