using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace AutoIF.Core.Import;

/// <summary>
/// Reads query pools: ShareGPT JSON or JSONL (first human/user turn), plain text lines, a named CSV column, a named
/// JSONL field, a named Parquet column. A malformed file throws <see cref="ImportException"/> at its first fault.
/// </summary>
internal static class QueryPoolReader
{
    /// <summary>A ShareGPT file written as one JSON array is read whole (records have no line of their own otherwise); JSONL streams.</summary>
    public const int MaxJsonArrayChars = 256 * 1024 * 1024;

    private static readonly string[] ConversationFields = ["conversations", "messages", "items"];
    private static readonly string[] UserRoles = ["human", "user"];

    public static async IAsyncEnumerable<QueryLine> ReadAsync(
        string format, Stream file, string fileName, ImportOptions options, List<string> warnings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (format == ImportFormats.QueriesParquet)
        {
            await foreach (var query in ParquetAsync(file, fileName, options.Column, warnings, cancellationToken))
            {
                yield return query;
            }
            yield break;
        }
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var queries = format switch
        {
            ImportFormats.QueriesText => TextAsync(reader, fileName, cancellationToken),
            ImportFormats.QueriesCsv => CsvAsync(reader, fileName, options.Column, cancellationToken),
            ImportFormats.QueriesJsonl => JsonlAsync(reader, fileName, options.Column, warnings, cancellationToken),
            ImportFormats.QueriesShareGpt => ShareGptAsync(reader, fileName, warnings, cancellationToken),
            _ => throw new ArgumentException($"'{format}' is not a query-pool format.", nameof(format)),
        };
        await foreach (var query in queries.WithCancellation(cancellationToken))
        {
            yield return query;
        }
    }

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

    private static async IAsyncEnumerable<QueryLine> JsonlAsync(TextReader reader, string fileName, string field, List<string> warnings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = field.Trim();
        var any = false;
        var empty = 0;
        var lastLine = 1;
        await foreach (var record in JsonLinesReader.ReadAsync(reader, fileName, cancellationToken))
        {
            lastLine = record.Line;
            var value = Property(record.Root, name)
                ?? throw new ImportException(fileName, record.Line, $"no field \"{name}\" in the record (fields: {string.Join(", ", record.Root.EnumerateObject().Select(p => p.Name))})");
            if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                throw new ImportException(fileName, record.Line, $"field \"{name}\" is {JsonLinesReader.Describe(value.ValueKind)}, expected a string");
            }
            var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";
            if (text.Length == 0)
            {
                empty++;
                continue;
            }
            any = true;
            yield return new QueryLine(record.Line, text);
        }
        if (empty > 0)
        {
            warnings.Add($"{empty} record(s) with an empty or null \"{name}\" skipped");
        }
        if (!any)
        {
            throw new ImportException(fileName, lastLine, $"the file holds no queries in field \"{name}\"");
        }
    }

    // The exact name first; a JSON record may hold "Query" and "query" apart, and only the one asked for is meant.
    private static JsonElement? Property(JsonElement record, string name)
    {
        if (record.TryGetProperty(name, out var exact))
        {
            return exact;
        }
        var loose = record.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return loose.Count == 1 ? loose[0].Value : null;
    }

    /// <summary>
    /// A Parquet file's named top-level text column, row group by row group (rows numbered from 1 across groups). The
    /// reader needs to seek; an upload that cannot is staged in a temporary file first.
    /// </summary>
    private static async IAsyncEnumerable<QueryLine> ParquetAsync(Stream file, string fileName, string column, List<string> warnings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = column.Trim();
        await using var staged = file.CanSeek ? null : await StageAsync(file, cancellationToken);
        var source = staged ?? file;
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(source, null, leaveStreamOpen: true, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or ArgumentException or ParquetException or Parquet.Meta.Proto.ThriftProtocolException)
        {
            throw ImportException.InFile(fileName, $"not a readable Parquet file ({ex.Message.TrimEnd('.')})", ex);
        }
        await using (reader)
        {
            var field = TextColumn(reader.Schema, name, fileName);
            var row = 0;
            var any = false;
            var empty = 0;
            for (var group = 0; group < reader.RowGroupCount; group++)
            {
                using var rowGroup = reader.OpenRowGroupReader(group);
                var values = new string?[checked((int)rowGroup.RowCount)];
                try
                {
                    await rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException or NotSupportedException or ParquetException or Parquet.Meta.Proto.ThriftProtocolException)
                {
                    throw ImportException.AtRow(fileName, row + 1, $"row group {group} of column \"{field.Name}\" cannot be read ({ex.Message.TrimEnd('.')})");
                }
                foreach (var value in values)
                {
                    row++;
                    var text = value?.Trim() ?? "";
                    if (text.Length == 0)
                    {
                        empty++;
                        continue;
                    }
                    any = true;
                    yield return new QueryLine(row, text);
                }
            }
            if (empty > 0)
            {
                warnings.Add($"{empty} row(s) with an empty or null \"{field.Name}\" skipped");
            }
            if (!any)
            {
                throw ImportException.InFile(fileName, $"the file holds no queries in column \"{field.Name}\" ({row} rows)");
            }
        }
    }

    private static DataField TextColumn(ParquetSchema schema, string name, string fileName)
    {
        var columns = schema.Fields.Select(f => f.Name).ToList();
        var field = schema.Fields.FirstOrDefault(f => f.Name == name)
            ?? (schema.Fields.Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)).ToList() is [var only] ? only : null)
            ?? throw ImportException.InFile(fileName, $"no column \"{name}\" (columns: {string.Join(", ", columns)})");
        if (field is not DataField data || data.IsArray)
        {
            throw ImportException.InFile(fileName, $"column \"{field.Name}\" is {field.SchemaType.ToString().ToLowerInvariant()}, not a text column");
        }
        if (!IsText(data))
        {
            throw ImportException.InFile(fileName, $"column \"{field.Name}\" holds {TypeName(data.ClrType)}, not text");
        }
        return data;
    }

    // Parquet.Net describes a UTF-8 column as ReadOnlyMemory<char> (older files and writers: string).
    private static bool IsText(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    private static string TypeName(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
        : type.Name;

    private static async Task<FileStream> StageAsync(Stream file, CancellationToken cancellationToken)
    {
        var staged = new FileStream(Path.Combine(Path.GetTempPath(), $"autoif-parquet-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await file.CopyToAsync(staged, cancellationToken);
        staged.Position = 0;
        return staged;
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
