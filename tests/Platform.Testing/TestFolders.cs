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

    /// <summary>
    /// Deletes a folder a stopped server kept its data in. Stopping returns before the server's last writes (Postgres
    /// checkpoints on its way out), so a deletion that meets a file written meanwhile is tried again for a while.
    /// </summary>
    public static void DeleteServerData(string folder)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline && Directory.Exists(folder))
            {
                Thread.Sleep(200);
            }
        }
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
