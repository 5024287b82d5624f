using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoIF.Core.Export;

/// <summary>
/// LLaMA-Factory's <c>dataset_info.json</c> entry for an exported file: <c>file_name</c>, <c>formatting</c>,
/// <c>ranking: true</c> for preference data, <c>columns</c> mapping its names to the file's, and <c>tags</c> for the
/// sharegpt layout. <c>system</c> is mapped only when the rows carry one, because LLaMA-Factory reads a mapped
/// column on every row.
/// </summary>
public static class DatasetInfoWriter
{
    /// <summary>True when LLaMA-Factory can read <paramref name="format"/> (with these options) through a dataset_info entry.</summary>
    public static bool Supports(string format) => format is ExportFormats.Alpaca or ExportFormats.ShareGpt or ExportFormats.Messages or ExportFormats.LlamaFactoryDpo;

    /// <summary>The entry (the value under the dataset name) for a file written by <paramref name="format"/>.</summary>
    public static JsonObject Entry(string format, ExportWriterOptions options, string fileName, bool hasSystem)
    {
        ArgumentNullException.ThrowIfNull(options);
        var entry = new JsonObject { ["file_name"] = fileName };
        switch (format)
        {
            case ExportFormats.Alpaca:
                entry["formatting"] = "alpaca";
                entry["columns"] = Columns(hasSystem, ("prompt", "instruction"), ("query", "input"), ("response", "output"));
                break;
            case ExportFormats.ShareGpt:
                entry["formatting"] = "sharegpt";
                entry["columns"] = Columns(hasSystem, ("messages", "conversations"));
                entry["tags"] = ShareGptTags();
                break;
            case ExportFormats.Messages:
                // LLaMA-Factory reads OpenAI-style messages as sharegpt with role/content tags; the system prompt is the first message.
                entry["formatting"] = "sharegpt";
                entry["columns"] = Columns(false, ("messages", "messages"));
                entry["tags"] = new JsonObject
                {
                    ["role_tag"] = "role",
                    ["content_tag"] = "content",
                    ["user_tag"] = "user",
                    ["assistant_tag"] = "assistant",
                    ["system_tag"] = "system",
                };
                break;
            case ExportFormats.LlamaFactoryDpo when options.Layout == LlamaFactoryLayout.ShareGpt:
                entry["formatting"] = "sharegpt";
                entry["ranking"] = true;
                entry["columns"] = Columns(hasSystem, ("messages", "conversations"), ("chosen", "chosen"), ("rejected", "rejected"));
                entry["tags"] = ShareGptTags();
                break;
            case ExportFormats.LlamaFactoryDpo:
                entry["formatting"] = "alpaca";
                entry["ranking"] = true;
                entry["columns"] = Columns(hasSystem, ("prompt", "instruction"), ("query", "input"), ("chosen", "chosen"), ("rejected", "rejected"));
                break;
            default:
                throw new ArgumentException($"format '{format}' is not read by LLaMA-Factory; dataset_info.json entries exist for alpaca, sharegpt, messages and llamafactory-dpo", nameof(format));
        }
        return entry;
    }

    /// <summary>Writes a whole <c>dataset_info.json</c> holding the given entries by dataset name.</summary>
    public static async Task WriteAsync(Stream output, IEnumerable<KeyValuePair<string, JsonObject>> entries, CancellationToken cancellationToken = default)
    {
        var root = new JsonObject();
        foreach (var (name, entry) in entries)
        {
            root[name] = entry;
        }
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        root.WriteTo(json);
        await json.FlushAsync(cancellationToken);
    }

    private static JsonObject Columns(bool hasSystem, params (string Key, string Column)[] mapping)
    {
        var columns = new JsonObject();
        foreach (var (key, column) in mapping)
        {
            columns[key] = column;
        }
        if (hasSystem)
        {
            columns["system"] = "system";
        }
        return columns;
    }

    private static JsonObject ShareGptTags() => new()
    {
        ["role_tag"] = "from",
        ["content_tag"] = "value",
        ["user_tag"] = "human",
        ["assistant_tag"] = "gpt",
    };
}
