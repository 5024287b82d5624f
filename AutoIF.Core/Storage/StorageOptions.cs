using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace AutoIF.Core.Storage;

/// <summary>Where data lives. Section "Storage"; the PostgreSQL connection string is <c>ConnectionStrings:AutoIF</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The provider <paramref name="configuration"/> names, read before the options exist (registration picks the database by it).</summary>
    public static StorageProvider ProviderIn(IConfiguration configuration) =>
        configuration.GetValue(Section + ":" + nameof(Provider), StorageProvider.Sqlite);

    /// <summary>SQLite file, exports and logs. Relative paths are resolved against the app's folder.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    public string DataFolderPath => Path.GetFullPath(DataFolder, AppContext.BaseDirectory);

    public string SqlitePath => Path.Combine(DataFolderPath, "autoif.db");

    /// <summary>Lock files of the processes sharing the data folder (SQLite): runs' and model endpoint slots'.</summary>
    public string LocksFolderPath => Path.Combine(DataFolderPath, "locks");

    /// <summary>
    /// Export files of the Export page (<c>Storage:ExportsFolder</c>), relative to the data folder. App instances sharing a
    /// PostgreSQL database must share this folder too: any instance's job server may write a file another one serves.
    /// </summary>
    public string ExportsFolder { get; set; } = "exports";

    /// <summary>Finished export files of the Export page; deleting a run and the retention cleanup remove files here.</summary>
    public string ExportsFolderPath => Path.GetFullPath(ExportsFolder, DataFolderPath);

    /// <summary>Benchmark files uploaded on the Export page, one folder each, read by the export job that checks against them.</summary>
    public string BenchmarkUploadsPath => Path.Combine(ExportsFolderPath, ".benchmarks");
}
