using Parquet;
using Parquet.Schema;

namespace AutoIF.Core.Export;

/// <summary>A nullable UTF-8 string column.</summary>
internal sealed class ParquetStringColumn<TRow>(string name, Func<TRow, string?> value) : ParquetColumn<TRow>
{
    private readonly DataField<string> _field = new(name);

    public override Field Field => _field;

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        var values = new string?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            values[i] = value(rows[i]);
        }
        return rowGroup.WriteAsync(_field, values!, null);
    }
}
