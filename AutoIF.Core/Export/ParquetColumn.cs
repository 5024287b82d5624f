using Parquet;
using Parquet.Schema;

namespace AutoIF.Core.Export;

/// <summary>One top-level Parquet column of a writer's layout: its schema field and how to write a row group of it.</summary>
internal abstract class ParquetColumn<TRow>
{
    public abstract Field Field { get; }

    /// <summary>Writes this column's leaves, in schema order, for <paramref name="rows"/>.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, CancellationToken cancellationToken);
}
