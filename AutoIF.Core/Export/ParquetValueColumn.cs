using Parquet;
using Parquet.Schema;

namespace AutoIF.Core.Export;

/// <summary>A nullable primitive column (int, long, double, bool).</summary>
internal sealed class ParquetValueColumn<TRow, TValue>(string name, Func<TRow, TValue?> value) : ParquetColumn<TRow>
    where TValue : struct
{
    private readonly DataField<TValue?> _field = new(name);

    public override Field Field => _field;

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        var values = new TValue?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            values[i] = value(rows[i]);
        }
        return rowGroup.WriteAsync<TValue>(_field, values, null, null, cancellationToken);
    }
}
