using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Storage;

/// <summary>Where data lives. Section "Storage"; the PostgreSQL connection string is <c>ConnectionStrings:AutoIF</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>SQLite file, exports and logs. Relative paths are resolved against the app's folder.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    public string DataFolderPath => Path.GetFullPath(DataFolder, AppContext.BaseDirectory);

    public string SqlitePath => Path.Combine(DataFolderPath, "autoif.db");

    /// <summary>Finished export files of the Export page; deleting a run and the retention cleanup remove files here.</summary>
    public string ExportsFolderPath => Path.Combine(DataFolderPath, "exports");
}
