using Parquet;
using Parquet.Schema;

namespace AutoIF.Core.Export;

/// <summary>A single message struct (<c>struct&lt;from, value&gt;</c>): LLaMA-Factory sharegpt preference <c>chosen</c>/<c>rejected</c>.</summary>
internal sealed class ParquetMessageColumn<TRow> : ParquetColumn<TRow>
{
    private readonly Func<TRow, MessageTurn> _message;
    private readonly DataField<string> _role;
    private readonly DataField<string> _content;

    public ParquetMessageColumn(string name, string roleKey, string contentKey, Func<TRow, MessageTurn> message)
    {
        _message = message;
        _role = new DataField<string>(roleKey);
        _content = new DataField<string>(contentKey);
        Field = new StructField(name, _role, _content);
    }

    public override Field Field { get; }

    public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        var roles = new string[rows.Count];
        var contents = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var message = _message(rows[i]);
            roles[i] = message.Role;
            contents[i] = message.Content;
        }
        await rowGroup.WriteAsync(_role, roles, null);
        await rowGroup.WriteAsync(_content, contents, null);
    }
}
