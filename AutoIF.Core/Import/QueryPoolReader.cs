using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace AutoIF.Core.Import;

/// <summary>Reads query pools: ShareGPT JSON or JSONL (first human/user turn), plain text lines, a named CSV column.</summary>
internal static class QueryPoolReader
{
    /// <summary>A ShareGPT file written as one JSON array is read whole (records have no line of their own otherwise); JSONL streams.</summary>
    public const int MaxJsonArrayChars = 256 * 1024 * 1024;

    private static readonly string[] ConversationFields = ["conversations", "messages", "items"];
    private static readonly string[] UserRoles = ["human", "user"];

    public static IAsyncEnumerable<QueryLine> ReadAsync(string format, TextReader reader, string fileName, ImportOptions options, List<string> warnings, CancellationToken cancellationToken) =>
        format switch
        {
            ImportFormats.QueriesText => TextAsync(reader, fileName, cancellationToken),
            ImportFormats.QueriesCsv => CsvAsync(reader, fileName, options.CsvColumn, cancellationToken),
            ImportFormats.QueriesShareGpt => ShareGptAsync(reader, fileName, warnings, cancellationToken),
            _ => throw new ArgumentException($"'{format}' is not a query-pool format.", nameof(format)),
        };

    private static async IAsyncEnumerable<QueryLine> TextAsync(TextReader reader, string fileName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var line = 0;
        var any = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                any = true;
                yield return new QueryLine(line, text.Trim());
            }
        }
        if (!any)
        {
            throw new ImportException(fileName, Math.Max(1, line), "the file holds no queries");
        }
    }

    private static async IAsyncEnumerable<QueryLine> CsvAsync(TextReader reader, string fileName, string column, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? header = null;
        var index = -1;
        var lastLine = 1;
        var any = false;
        await foreach (var record in CsvRecordReader.ReadAsync(reader, fileName, cancellationToken))
        {
            lastLine = record.Line;
            if (header is null)
            {
                header = record.Fields.Select(f => f.Trim()).ToList();
                index = header.ToList().FindIndex(h => string.Equals(h, column.Trim(), StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    throw new ImportException(fileName, record.Line, $"no column \"{column}\" in the header (columns: {string.Join(", ", header)})");
                }
                continue;
            }
            if (record.Fields.Count != header.Count)
            {
                throw new ImportException(fileName, record.Line, $"{record.Fields.Count} fields, but the header has {header.Count}");
            }
            var text = record.Fields[index].Trim();
            if (text.Length > 0)
            {
                any = true;
                yield return new QueryLine(record.Line, text);
            }
        }
        if (header is null)
        {
            throw new ImportException(fileName, 1, "the file is empty; expected a header row");
        }
        if (!any)
        {
            throw new ImportException(fileName, lastLine, $"the file holds no queries in column \"{column}\"");
        }
    }

    private static async IAsyncEnumerable<QueryLine> ShareGptAsync(TextReader reader, string fileName, List<string> warnings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var line = 0;
        var any = false;
        var withoutUserTurn = 0;
        var first = true;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (first && text.TrimStart().StartsWith('['))
            {
                var rest = await ReadRestAsync(reader, text, fileName, line, cancellationToken);
                var (queries, skipped) = ReadArray(rest, line, fileName);
                withoutUserTurn += skipped;
                foreach (var query in queries)
                {
                    any = true;
                    yield return query;
                }
                break;
            }
            first = false;
            var record = JsonLinesReader.Parse(text, fileName, line);
            if (FirstUserTurn(record, fileName, line) is { } found)
            {
                any = true;
                yield return new QueryLine(line, found);
            }
            else
            {
                withoutUserTurn++;
            }
        }
        if (withoutUserTurn > 0)
        {
            warnings.Add($"{withoutUserTurn} conversation(s) without a non-empty human or user turn skipped");
        }
        if (!any)
        {
            throw new ImportException(fileName, Math.Max(1, line), "the file holds no conversation with a human or user turn");
        }
    }

    private static async Task<string> ReadRestAsync(TextReader reader, string firstLine, string fileName, int line, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder(firstLine).Append('\n');
        var buffer = new char[64 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            builder.Append(buffer, 0, read);
            if (builder.Length > MaxJsonArrayChars)
            {
                throw new ImportException(fileName, line, $"a ShareGPT JSON array over {MaxJsonArrayChars / 1024 / 1024} MB is not read whole; convert it to JSONL (one record per line)");
            }
        }
        return builder.ToString();
    }

    /// <summary>Walks the array with a reader that knows byte offsets, so each record can be reported by the line it starts on.</summary>
    private static (List<QueryLine> Queries, int WithoutUserTurn) ReadArray(string text, int firstLine, string fileName)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var result = new List<QueryLine>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var line = firstLine;
        var counted = 0;
        var withoutUserTurn = 0;
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                line += bytes.AsSpan(counted, start - counted).Count((byte)'\n');
                counted = start;
                using var document = JsonDocument.ParseValue(ref reader);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new ImportException(fileName, line, $"expected a JSON object, found {JsonLinesReader.Describe(document.RootElement.ValueKind)}");
                }
                if (FirstUserTurn(document.RootElement, fileName, line) is { } found)
                {
                    result.Add(new QueryLine(line, found));
                }
                else
                {
                    withoutUserTurn++;
                }
            }
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new ImportException(fileName, line, "the JSON array is not closed");
            }
        }
        catch (JsonException ex)
        {
            throw new ImportException(fileName, firstLine + (int)(ex.LineNumber ?? 0), $"not valid JSON ({ex.Message.Split(" LineNumber", 2)[0].TrimEnd('.', ' ')})", ex);
        }
        return (result, withoutUserTurn);
    }

    private static string? FirstUserTurn(JsonElement record, string fileName, int line)
    {
        JsonElement? turns = null;
        foreach (var name in ConversationFields)
        {
            if (record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
            {
                turns = value;
                break;
            }
        }
        if (turns is null)
        {
            throw new ImportException(fileName, line, "no \"conversations\" (or \"messages\") list in the record");
        }
        var index = 0;
        foreach (var turn in turns.Value.EnumerateArray())
        {
            if (turn.ValueKind != JsonValueKind.Object)
            {
                throw new ImportException(fileName, line, $"turn {index} must be an object, found {JsonLinesReader.Describe(turn.ValueKind)}");
            }
            var role = String(turn, "from") ?? String(turn, "role");
            var value = String(turn, "value") ?? String(turn, "content");
            if (role is not null && UserRoles.Contains(role.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            }
            index++;
        }
        return null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
