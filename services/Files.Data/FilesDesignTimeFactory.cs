using Platform.Data;

namespace Platform.Files.Data;

internal sealed class FilesDesignTimeFactory : DesignTimeFactory<FilesDbContext>;
