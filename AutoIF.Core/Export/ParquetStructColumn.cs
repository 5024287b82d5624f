using Parquet;
using Parquet.Schema;

namespace AutoIF.Core.Export;

/// <summary>A struct of other columns (<c>struct&lt;a, b, …&gt;</c>), which Hugging Face datasets read as a dict: each child writes its own leaves.</summary>
internal sealed class ParquetStructColumn<TRow>(string name, params IReadOnlyList<ParquetColumn<TRow>> children) : ParquetColumn<TRow>
{
    public override Field Field { get; } = new StructField(name, [.. children.Select(c => c.Field)]);

    public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        foreach (var child in children)
        {
            await child.WriteAsync(rowGroup, rows, cancellationToken);
        }
    }
}
