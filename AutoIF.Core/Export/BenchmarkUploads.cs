using AutoIF.Core.Storage;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Export;

/// <summary>
/// Benchmark files uploaded for a contamination check, kept under the exports folder (one folder each, so the file keeps
/// the user's name for the report and the card) where the job server that runs the export can read them, until the
/// export that reads one has ended or the page that uploaded it is closed.
/// </summary>
public sealed class BenchmarkUploads(IOptions<StorageOptions> storage)
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="fileName"/>'s name; returns the path to give the export.</summary>
    public async Task<string> StageAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var folder = Path.Combine(storage.Value.BenchmarkUploadsPath, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var name = Path.GetFileName(fileName);
        var path = Path.Combine(folder, name.Length == 0 ? "benchmark.jsonl" : name);
        await using var target = File.Create(path);
        await content.CopyToAsync(target, cancellationToken);
        return path;
    }

    /// <summary>A staged upload of its own for one export, with the same name; the original stays for the next export.</summary>
    public async Task<string> CopyAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var content = File.OpenRead(path);
        return await StageAsync(content, Path.GetFileName(path), cancellationToken);
    }

    /// <summary>Removes a staged upload with its folder; a path outside the uploads folder (a CLI user's own file) is left alone.</summary>
    public void Discard(string? path)
    {
        if (path is null)
        {
            return;
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && Path.GetDirectoryName(folder) == storage.Value.BenchmarkUploadsPath && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
