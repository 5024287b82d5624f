using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace AutoIF.Core.Export;

/// <summary>
/// Writes a zip bundle: <c>data/&lt;split&gt;-00000-of-00001.&lt;ext&gt;</c> per split (the Hugging Face layout),
/// <c>README.md</c> (dataset card), <c>dataset_info.json</c> (LLaMA-Factory entries, for formats it reads) and
/// <c>provenance.jsonl</c> (one line per row, keyed by <c>source_id</c>), with a benchmark <c>contamination.json</c>, and
/// the caller's extra files (an RL bundle's reward clients).
/// </summary>
/// <remarks>
/// Rows are read once. Each split streams through its writer into a temporary file while the provenance lines go to a
/// third one; bounded channels between the reader and the writers keep memory flat. The card needs the final counts,
/// so the zip is assembled after the pass, copying the temporary files in; they are deleted afterwards.
/// </remarks>
public static class ExportBundleWriter
{
    private const int ChannelCapacity = 1_024;

    public static async Task<ExportBundleResult> WriteAsync<TRow>(
        IAsyncEnumerable<TRow> rows,
        IDatasetWriter<TRow> writer,
        SplitAssigner splits,
        DatasetCardInfo card,
        Stream output,
        ContaminationScan? contamination = null,
        IReadOnlyDictionary<string, string>? extraFiles = null,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
        where TRow : IExportRow
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(output);
        var temp = Directory.CreateTempSubdirectory("autoif-export-");
        try
        {
            var splitList = splits.HasValidation ? new[] { DatasetSplit.Train, DatasetSplit.Validation } : [DatasetSplit.Train];
            var files = splitList.ToDictionary(s => s, s => new SplitFile(s, $"data/{SplitName(s)}-00000-of-00001{writer.FileExtension}", 0));
            var difficulty = new SortedDictionary<int, long>();
            var counts = await WriteSplitsAsync(rows, writer, splits, splitList, temp.FullName, difficulty, progress, cancellationToken);
            var written = splitList.Select(s => files[s] with { Rows = counts[s] }).ToList();
            var report = contamination?.Report();

            var archive = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, cancellationToken);
            await using (archive)
            {
                foreach (var file in written)
                {
                    await AddFileAsync(archive, file.Path, Path.Combine(temp.FullName, SplitName(file.Split)), cancellationToken);
                }
                await AddTextAsync(archive, "README.md", DatasetCardWriter.Render(card, written, report, difficulty), cancellationToken);
                if (DatasetInfoWriter.Supports(writer.Format))
                {
                    var entries = written.Select(f => new KeyValuePair<string, JsonObject>(
                        f.Split == DatasetSplit.Train ? card.DatasetName : card.DatasetName + "_validation",
                        DatasetInfoWriter.Entry(writer.Format, card.WriterOptions, f.Path, card.SystemPrompt is not null)));
                    var entry = archive.CreateEntry("dataset_info.json", CompressionLevel.Optimal);
                    await using var stream = await entry.OpenAsync(cancellationToken);
                    await DatasetInfoWriter.WriteAsync(stream, entries, cancellationToken);
                }
                await AddFileAsync(archive, "provenance.jsonl", Path.Combine(temp.FullName, "provenance"), cancellationToken);
                foreach (var (name, text) in extraFiles ?? new Dictionary<string, string>())
                {
                    await AddTextAsync(archive, name, text, cancellationToken);
                }
                if (report is not null)
                {
                    var entry = archive.CreateEntry(ContaminationReportJson.FileName, CompressionLevel.Optimal);
                    await using var stream = await entry.OpenAsync(cancellationToken);
                    await ContaminationReportJson.WriteAsync(stream, report, cancellationToken);
                }
            }
            await output.FlushAsync(cancellationToken);
            return new ExportBundleResult(written, report);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static string SplitName(DatasetSplit split) => split == DatasetSplit.Train ? "train" : "validation";

    private static async Task<Dictionary<DatasetSplit, long>> WriteSplitsAsync<TRow>(
        IAsyncEnumerable<TRow> rows,
        IDatasetWriter<TRow> writer,
        SplitAssigner splits,
        DatasetSplit[] splitList,
        string folder,
        SortedDictionary<int, long> difficulty,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
        where TRow : IExportRow
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channels = splitList.ToDictionary(s => s, _ => Channel.CreateBounded<TRow>(new BoundedChannelOptions(ChannelCapacity) { SingleReader = true, SingleWriter = true }));
        var writers = splitList.ToDictionary(s => s, s => WriteSplitAsync(writer, channels[s].Reader, Path.Combine(folder, SplitName(s)), linked.Token));
        try
        {
            await using (var provenanceFile = File.Create(Path.Combine(folder, "provenance")))
            {
                await ProduceAsync(rows, splits, channels, provenanceFile, difficulty, progress, linked.Token);
            }
            foreach (var channel in channels.Values)
            {
                channel.Writer.TryComplete();
            }
            await Task.WhenAll(writers.Values);
        }
        catch
        {
            // A failed reader or writer stops the others so the exception surfaces instead of a hang.
            await linked.CancelAsync();
            foreach (var channel in channels.Values)
            {
                channel.Writer.TryComplete();
            }
            await Task.WhenAll(writers.Values).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        return writers.ToDictionary(w => w.Key, w => w.Value.Result);
    }

    private static async Task ProduceAsync<TRow>(
        IAsyncEnumerable<TRow> rows,
        SplitAssigner splits,
        Dictionary<DatasetSplit, Channel<TRow>> channels,
        Stream provenanceFile,
        SortedDictionary<int, long> difficulty,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
        where TRow : IExportRow
    {
        await using var json = new Utf8JsonWriter(provenanceFile, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        long n = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var split = splits.Assign(row.Prompt);
            if (row.Provenance is { } provenance)
            {
                var k = provenance.Difficulty ?? 1;
                difficulty[k] = difficulty.GetValueOrDefault(k) + 1;
                ProvenanceJson.WriteObject(json, provenance);
                json.Flush();
                json.Reset();
                provenanceFile.WriteByte((byte)'\n');
            }
            await channels[split].Writer.WriteAsync(row, cancellationToken);
            if (++n % 1_000 == 0)
            {
                progress?.Report(n);
            }
        }
        progress?.Report(n);
    }

    private static async Task<long> WriteSplitAsync<TRow>(IDatasetWriter<TRow> writer, ChannelReader<TRow> reader, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        return await writer.WriteAsync(reader.ReadAllAsync(cancellationToken), file, null, cancellationToken);
    }

    private static async Task AddFileAsync(ZipArchive archive, string entryName, string path, CancellationToken cancellationToken)
    {
        var entry = archive.CreateEntry(entryName, CompressionLevel.Fastest);
        await using var target = await entry.OpenAsync(cancellationToken);
        await using var source = File.OpenRead(path);
        await source.CopyToAsync(target, cancellationToken);
    }

    private static async Task AddTextAsync(ZipArchive archive, string entryName, string text, CancellationToken cancellationToken)
    {
        var entry = archive.CreateEntry(entryName, CompressionLevel.Optimal);
        await using var target = await entry.OpenAsync(cancellationToken);
        await target.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
    }
}
