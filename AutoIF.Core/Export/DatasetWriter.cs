using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace AutoIF.Core.Export;

/// <summary>
/// The container logic every format shares. A format says how one row looks as JSON and which Parquet columns it
/// has; this class streams: JSON rows go through one <see cref="Utf8JsonWriter"/> into a page buffer that is handed
/// to the output every <see cref="ExportWriterOptions.PageRows"/> rows, and Parquet rows are collected into row
/// groups of at most <see cref="ExportWriterOptions.RowGroupRows"/> rows, each written and drained before the next.
/// </summary>
public abstract class DatasetWriter<TRow> : IDatasetWriter<TRow>
{
    // Non-ASCII prompts stay readable in the file; the output is data for trainers, never embedded in HTML.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected DatasetWriter(ExportWriterOptions options)
    {
        Options = options;
    }

    public abstract string Format { get; }

    public abstract ExportKind Kind { get; }

    public ExportContainer Container => Options.Container;

    public string FileExtension => ExportContainers.Extension(Container);

    protected ExportWriterOptions Options { get; }

    public async Task<long> WriteAsync(IAsyncEnumerable<TRow> rows, Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        return Container == ExportContainer.Parquet
            ? await WriteParquetAsync(rows, output, progress, cancellationToken)
            : await WriteJsonAsync(rows, output, Container == ExportContainer.Json, progress, cancellationToken);
    }

    /// <summary>Writes one row as a JSON object (start to end).</summary>
    protected abstract void WriteJsonRow(Utf8JsonWriter json, TRow row);

    /// <summary>The Parquet columns of this format, top level, in order.</summary>
    private protected abstract IReadOnlyList<ParquetColumn<TRow>> ParquetColumns();

    private async Task<long> WriteJsonAsync(IAsyncEnumerable<TRow> rows, Stream output, bool asArray, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var page = new ArrayBufferWriter<byte>(Math.Max(4096, Options.PageBytes));
        await using var json = new Utf8JsonWriter(page, JsonOptions);
        long written = 0;
        var inPage = 0;
        if (asArray)
        {
            page.Write("["u8);
        }
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (asArray)
            {
                page.Write(written == 0 ? "\n"u8 : ",\n"u8);
            }
            WriteJsonRow(json, row);
            json.Flush();
            // Each row is its own JSON document to the writer; the separators are ours.
            json.Reset();
            if (!asArray)
            {
                page.Write("\n"u8);
            }
            written++;
            inPage++;
            if (inPage >= Options.PageRows || page.WrittenCount >= Options.PageBytes)
            {
                await DrainAsync(page, output, cancellationToken);
                inPage = 0;
                progress?.Report(written);
            }
        }
        if (asArray)
        {
            page.Write(written == 0 ? "]\n"u8 : "\n]\n"u8);
        }
        await DrainAsync(page, output, cancellationToken);
        progress?.Report(written);
        return written;
    }

    private static async Task DrainAsync(ArrayBufferWriter<byte> page, Stream output, CancellationToken cancellationToken)
    {
        if (page.WrittenCount > 0)
        {
            await output.WriteAsync(page.WrittenMemory, cancellationToken);
            page.ResetWrittenCount();
        }
        await output.FlushAsync(cancellationToken);
    }

    private async Task<long> WriteParquetAsync(IAsyncEnumerable<TRow> rows, Stream output, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var columns = ParquetColumns();
        var schema = new ParquetSchema(columns.Select(c => c.Field));
        // Snappy: fast and read by every Parquet reader; the library's default favours size over speed.
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        var rowGroupRows = Math.Max(1, Options.RowGroupRows);
        await using var sink = new PageBufferStream();
        long written = 0;
        var group = new List<TRow>(Math.Min(rowGroupRows, 16_384));
        var writer = await ParquetWriter.CreateAsync(schema, sink, options, false, cancellationToken);
        await using (writer)
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                group.Add(row);
                if (group.Count >= rowGroupRows)
                {
                    written += await WriteRowGroupAsync(writer, columns, group, sink, output, cancellationToken);
                    progress?.Report(written);
                }
            }
            if (group.Count > 0)
            {
                written += await WriteRowGroupAsync(writer, columns, group, sink, output, cancellationToken);
            }
        }
        // Disposing the writer wrote the footer into the sink.
        await sink.DrainToAsync(output, cancellationToken);
        progress?.Report(written);
        return written;
    }

    private static async Task<int> WriteRowGroupAsync(ParquetWriter writer, IReadOnlyList<ParquetColumn<TRow>> columns, List<TRow> group, PageBufferStream sink, Stream output, CancellationToken cancellationToken)
    {
        using (var rowGroup = writer.CreateRowGroup())
        {
            foreach (var column in columns)
            {
                await column.WriteAsync(rowGroup, group, cancellationToken);
            }
            rowGroup.CompleteValidate();
        }
        var count = group.Count;
        group.Clear();
        await sink.DrainToAsync(output, cancellationToken);
        return count;
    }
}
