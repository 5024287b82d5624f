namespace AutoIF.Core.Export;

/// <summary>Container names as the CLI and page spell them, and their file extensions.</summary>
public static class ExportContainers
{
    public static string Name(ExportContainer container) => container switch
    {
        ExportContainer.Jsonl => "jsonl",
        ExportContainer.Json => "json",
        ExportContainer.Parquet => "parquet",
        _ => throw new ArgumentOutOfRangeException(nameof(container), container, "unknown container"),
    };

    public static string Extension(ExportContainer container) => "." + Name(container);

    /// <summary>Parses <c>jsonl|json|parquet</c>; throws <see cref="ArgumentException"/> naming the accepted values.</summary>
    public static ExportContainer Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "jsonl" => ExportContainer.Jsonl,
        "json" => ExportContainer.Json,
        "parquet" => ExportContainer.Parquet,
        _ => throw new ArgumentException($"unknown container '{name}'; use jsonl, json or parquet", nameof(name)),
    };

    /// <summary>The container a file name implies (<c>.jsonl</c>, <c>.json</c>, <c>.parquet</c>), or null when its extension says nothing.</summary>
    public static ExportContainer? FromFileName(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".jsonl" => ExportContainer.Jsonl,
        ".json" => ExportContainer.Json,
        ".parquet" => ExportContainer.Parquet,
        _ => null,
    };
}
