using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AutoIF.Core.Import;

/// <summary>
/// Streams a JSON Lines file one line at a time, so only the current line is held as text. Blank lines are
/// skipped; a line that is not a JSON object, or a file with no record at all, is an <see cref="ImportException"/>.
/// </summary>
internal static class JsonLinesReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, MaxDepth = 256 };

    public static async IAsyncEnumerable<JsonLine> ReadAsync(TextReader reader, string fileName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lineNumber = 0;
        var records = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            yield return new JsonLine(lineNumber, Parse(text, fileName, lineNumber));
            records++;
        }
        if (records == 0)
        {
            throw new ImportException(fileName, Math.Max(1, lineNumber), "the file holds no records");
        }
    }

    public static JsonElement Parse(string text, string fileName, int lineNumber)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            // A clone outlives the pooled document, which must be disposed before the next line.
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ImportException(fileName, lineNumber, $"not valid JSON ({FirstSentence(ex.Message)})", ex);
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ImportException(fileName, lineNumber, $"expected a JSON object, found {Describe(root.ValueKind)}");
        }
        return root;
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
