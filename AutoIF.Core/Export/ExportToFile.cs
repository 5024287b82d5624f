namespace AutoIF.Core.Export;

/// <summary>
/// Writes an export to a file and records it in the export history: what the <c>export</c> verb and the Export page's
/// jobs both do. The data goes to <c>FILE.partial</c> beside the target first and is moved over it when complete, so a
/// failed or interrupted export never leaves a truncated file under the real name.
/// </summary>
public sealed class ExportToFile(DatasetExporter exporter, ExportHistory history, TimeProvider clock)
{
    /// <summary>
    /// Writes <paramref name="request"/> to <paramref name="path"/> (a zip bundle when <paramref name="bundle"/>) and records
    /// it under the file's name; rows written so far go to <paramref name="progress"/>.
    /// </summary>
    public async Task<ExportFileResult> WriteAsync(ExportRequest request, string path, bool bundle, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = new FileInfo(path);
        var partial = target.FullName + ".partial";
        long rows;
        ContaminationReport? contamination;
        try
        {
            await using (var stream = File.Create(partial))
            {
                if (bundle)
                {
                    var card = await exporter.DescribeAsync(request, Path.GetFileNameWithoutExtension(target.Name), clock.GetUtcNow(), cancellationToken);
                    var result = await exporter.ExportBundleAsync(request, card, stream, progress, cancellationToken);
                    (rows, contamination) = (result.Rows, result.Contamination);
                }
                else
                {
                    var result = await exporter.ExportAsync(request, stream, progress, cancellationToken);
                    (rows, contamination) = (result.Rows, result.Contamination);
                }
            }
            File.Move(partial, target.FullName, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        progress?.Report(rows);
        await history.RecordAsync(request, rows, target.Name, CancellationToken.None);
        return new ExportFileResult(rows, new FileInfo(target.FullName).Length, contamination);
    }
}
