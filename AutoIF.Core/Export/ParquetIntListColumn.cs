using Parquet;
using Parquet.Schema;

namespace AutoIF.Core.Export;

/// <summary>A list of integers (<c>list&lt;int32&gt;</c>); an empty list stays an empty list, not a null.</summary>
internal sealed class ParquetIntListColumn<TRow> : ParquetColumn<TRow>
{
    private readonly Func<TRow, IReadOnlyList<int>> _values;
    private readonly DataField<int> _element = new(ListField.ElementName);

    public ParquetIntListColumn(string name, Func<TRow, IReadOnlyList<int>> values)
    {
        _values = values;
        Field = new ListField(name, _element);
    }

    public override Field Field { get; }

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        // An empty list must be told apart from a present element, so definition levels are written by hand:
        // max = element present; max - 1 = list present but empty (the element itself is required).
        var present = _element.MaxDefinitionLevel;
        var values = new List<int>();
        var definition = new List<int>();
        var repetition = new List<int>();
        foreach (var row in rows)
        {
            var list = _values(row);
            if (list.Count == 0)
            {
                definition.Add(present - 1);
                repetition.Add(0);
                continue;
            }
            for (var i = 0; i < list.Count; i++)
            {
                values.Add(list[i]);
                definition.Add(present);
                repetition.Add(i == 0 ? 0 : 1);
            }
        }
        return rowGroup.WriteAllPartsAsync<int>(_element, values.ToArray(), definition.ToArray(), repetition.ToArray(), cancellationToken);
    }
}
