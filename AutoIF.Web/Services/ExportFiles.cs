using AutoIF.Core.Export;
using AutoIF.Core.Storage;
using Microsoft.Extensions.Options;

namespace AutoIF.Web.Services;

/// <summary>Finished export files live in the exports folder (<c>Storage:ExportsFolder</c>); only names from that folder are served.</summary>
public sealed class ExportFiles(IOptions<StorageOptions> storage)
{
    public string Folder => storage.Value.ExportsFolderPath;

    public string? Find(string fileName)
    {
        var name = Path.GetFileName(fileName);
        var path = Path.Combine(Folder, name);
        // A link in the folder may point anywhere: the export jobs write plain files only.
        return name.Length > 0 && name == fileName && new FileInfo(path) is { Exists: true, LinkTarget: null } ? path : null;
    }

    public static string ContentType(ExportContainer container) => container switch
    {
        ExportContainer.Json => "application/json",
        ExportContainer.Parquet => "application/vnd.apache.parquet",
        _ => "application/x-ndjson",
    };

    public static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".zip" => "application/zip",
        ".json" => "application/json",
        ".parquet" => "application/vnd.apache.parquet",
        _ => "application/x-ndjson",
    };
}
