namespace AutoIF.Core.Export;

/// <summary>Writes rows of one kind to a stream in one format and container, page by page.</summary>
public interface IDatasetWriter<in TRow> : IDatasetWriter
{
    /// <summary>
    /// Consumes <paramref name="rows"/> once and writes them to <paramref name="output"/>; bytes reach the stream
    /// after every page (JSON) or row group (Parquet), so a download starts at once and memory stays bounded.
    /// </summary>
    /// <param name="progress">Receives the number of rows written so far after each page.</param>
    /// <returns>The number of rows written.</returns>
    Task<long> WriteAsync(IAsyncEnumerable<TRow> rows, Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default);
}
