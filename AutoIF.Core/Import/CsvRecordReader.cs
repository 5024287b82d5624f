using System.Runtime.CompilerServices;
using System.Text;

namespace AutoIF.Core.Import;

/// <summary>
/// RFC 4180 records: comma-separated, fields optionally quoted, "" inside quotes is a quote, quoted fields may hold
/// commas and line breaks; CRLF or LF ends a record. Reads asynchronously in blocks because upload streams
/// (Blazor's browser file stream) refuse synchronous reads. Lenient where RFC 4180 is silent: a stray quote inside
/// an unquoted field is kept as text.
/// </summary>
internal static class CsvRecordReader
{
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, string fileName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new char[16 * 1024];
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var fieldWasQuoted = false;
        var pendingQuote = false;
        var pendingCarriageReturn = false;
        var recordStarted = false;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (pendingCarriageReturn)
                {
                    pendingCarriageReturn = false;
                    if (c == '\n')
                    {
                        continue;
                    }
                }
                if (quoted)
                {
                    if (pendingQuote)
                    {
                        pendingQuote = false;
                        if (c == '"')
                        {
                            field.Append('"');
                            continue;
                        }
                        quoted = false;
                        // Fall through: the quote closed the field and c is handled as unquoted text below.
                    }
                    else if (c == '"')
                    {
                        pendingQuote = true;
                        continue;
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }
                        field.Append(c);
                        continue;
                    }
                }
                switch (c)
                {
                    case '"' when field.Length == 0 && !fieldWasQuoted:
                        quoted = true;
                        fieldWasQuoted = true;
                        recordStarted = true;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        fieldWasQuoted = false;
                        recordStarted = true;
                        break;
                    case '\r' or '\n':
                        if (c == '\r')
                        {
                            pendingCarriageReturn = true;
                        }
                        if (recordStarted || field.Length > 0)
                        {
                            fields.Add(field.ToString());
                            yield return new CsvRecord(recordLine, fields);
                        }
                        fields = [];
                        field.Clear();
                        fieldWasQuoted = false;
                        recordStarted = false;
                        line++;
                        recordLine = line;
                        break;
                    default:
                        field.Append(c);
                        recordStarted = true;
                        break;
                }
            }
        }
        if (quoted && !pendingQuote)
        {
            throw new ImportException(fileName, recordLine, "a quoted field is not closed before the end of the file");
        }
        if (recordStarted || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields);
        }
    }
}
