using Parquet;
using Parquet.Schema;

namespace AutoIF.Core.Export;

/// <summary>
/// A list of message structs (<c>list&lt;struct&lt;role, content&gt;&gt;</c>), the layout Hugging Face datasets read as a list of dicts.
/// With <c>wrapper</c> set, the list sits inside a struct of that name (OpenAI's <c>input.messages</c>).
/// Every row must carry at least one message: the writers never produce an empty conversation.
/// </summary>
internal sealed class ParquetMessageListColumn<TRow> : ParquetColumn<TRow>
{
    private readonly string _name;
    private readonly Func<TRow, IReadOnlyList<MessageTurn>> _messages;
    private readonly DataField<string> _role;
    private readonly DataField<string> _content;

    public ParquetMessageListColumn(string name, string roleKey, string contentKey, Func<TRow, IReadOnlyList<MessageTurn>> messages, string? wrapper = null)
    {
        _name = name;
        _messages = messages;
        _role = new DataField<string>(roleKey);
        _content = new DataField<string>(contentKey);
        var list = new ListField(name, new StructField(ListField.ElementName, _role, _content));
        Field = wrapper is null ? list : new StructField(wrapper, list);
    }

    public override Field Field { get; }

    public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        var roles = new List<string>(rows.Count * 2);
        var contents = new List<string>(rows.Count * 2);
        var repetition = new List<int>(rows.Count * 2);
        foreach (var row in rows)
        {
            var messages = _messages(row);
            if (messages.Count == 0)
            {
                throw new InvalidOperationException($"Parquet column '{_name}' needs at least one message per row.");
            }
            for (var i = 0; i < messages.Count; i++)
            {
                roles.Add(messages[i].Role);
                contents.Add(messages[i].Content);
                // Repetition level 0 starts a new row's list; 1 continues the current list.
                repetition.Add(i == 0 ? 0 : 1);
            }
        }
        var levels = repetition.ToArray();
        await rowGroup.WriteAsync(_role, roles, levels);
        await rowGroup.WriteAsync(_content, contents, levels);
    }
}
