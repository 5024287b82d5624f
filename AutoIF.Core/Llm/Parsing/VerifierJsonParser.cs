using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AutoIF.Core.Domain.Settings;

namespace AutoIF.Core.Llm.Parsing;

/// <summary>
/// Reads <c>{"func": ..., "cases": [{"input": ..., "output": ...}]}</c> from a verifier answer: fenced (```json or ```)
/// or bare, with prose around it, raw newlines inside strings, Python <c>True/False</c>, trailing commas,
/// <c>output</c> as a bool, "true"/"True"/"false", 1/0, and cases as <c>[input, output]</c> pairs. Strict parsing
/// (<see cref="ParseStrict"/>) reads an answer exactly as the published scripts do.
/// </summary>
public static partial class VerifierJsonParser
{
    internal static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static ParseResult<VerifierSpec> Parse(string text, VerifierParsing parsing) =>
        parsing == VerifierParsing.Strict ? ParseStrict(text) : Parse(text);

    /// <summary>
    /// As code/3_cross_validation.py reads an answer: the first ```json block only, stripped, as strict JSON; its
    /// <c>func</c> stripped and every line containing "download" or "requests" removed; each case's <c>input</c> and
    /// <c>output</c>, the output kept exactly as written. A case without both keys is skipped, as the script skips it; so
    /// is one whose input is not text (the script would pass it to the function as it is; ours take text). An answer
    /// where the script would stop with an exception (no <c>func</c> text, no <c>cases</c> list) is unreadable.
    /// </summary>
    public static ParseResult<VerifierSpec> ParseStrict(string text)
    {
        text ??= "";
        var fence = StrictFence().Match(text);
        if (!fence.Success)
        {
            return ParseResults.Fail<VerifierSpec>("No ```json block.", text);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(fence.Groups["body"].Value.Trim());
        }
        catch (JsonException ex)
        {
            return ParseResults.Fail<VerifierSpec>("Invalid JSON: " + ex.Message, text);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Last(root, "func") is not { ValueKind: JsonValueKind.String } func)
            {
                return ParseResults.Fail<VerifierSpec>("No \"func\" string in the JSON object.", text);
            }
            if (Last(root, "cases") is not { ValueKind: JsonValueKind.Array } cases)
            {
                return ParseResults.Fail<VerifierSpec>("No \"cases\" list in the JSON object.", text);
            }
            var source = string.Join('\n', func.GetString()!.Trim().Split('\n')
                .Where(line => !line.Contains("download", StringComparison.Ordinal) && !line.Contains("requests", StringComparison.Ordinal)));
            var list = new List<VerifierCase>();
            var skipped = 0;
            foreach (var item in cases.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && Last(item, "input") is { ValueKind: JsonValueKind.String } input && Last(item, "output") is { } output)
                {
                    list.Add(new VerifierCase(input.GetString()!, Bool(output) ?? false, ExpectedOutput.Canonical(output)));
                }
                else
                {
                    skipped++;
                }
            }
            return ParseResults.Ok(new VerifierSpec(source, list) { SkippedCases = skipped }, text);
        }
    }

    // Python's json.loads keeps the last of repeated keys.
    internal static JsonElement? Last(JsonElement element, string name)
    {
        JsonElement? found = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                found = property.Value;
            }
        }
        return found;
    }

    public static ParseResult<VerifierSpec> Parse(string text)
    {
        text ??= "";
        string? lastError = null;
        foreach (var candidate in Candidates(text))
        {
            foreach (var attempt in new[] { candidate, Repair(candidate) }.Distinct())
            {
                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(attempt, Options);
                }
                catch (JsonException ex)
                {
                    lastError = "Invalid JSON: " + ex.Message;
                    continue;
                }
                using (document)
                {
                    var spec = Read(document.RootElement, out var error);
                    if (spec is not null)
                    {
                        return ParseResults.Ok(spec, text);
                    }
                    lastError = error;
                }
            }
        }
        return ParseResults.Fail<VerifierSpec>(lastError ?? "No JSON object found.", text);
    }

    private static VerifierSpec? Read(JsonElement root, out string? error)
    {
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
        {
            root = root[0];
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "The JSON is not an object.";
            return null;
        }
        var func = Property(root, "func", "function", "code", "eval_func");
        var source = func?.ValueKind switch
        {
            JsonValueKind.String => func.Value.GetString(),
            JsonValueKind.Array => string.Join('\n', func.Value.EnumerateArray().Select(l => l.ToString())),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(source))
        {
            error = "No \"func\" string in the JSON.";
            return null;
        }
        var casesElement = Property(root, "cases", "test_cases", "tests");
        if (casesElement is not { ValueKind: JsonValueKind.Array } cases)
        {
            error = "No \"cases\" array in the JSON.";
            return null;
        }
        var list = new List<VerifierCase>();
        var skipped = 0;
        foreach (var item in cases.EnumerateArray())
        {
            if (ReadCase(item) is { } parsed)
            {
                list.Add(parsed);
            }
            else
            {
                skipped++;
            }
        }
        if (list.Count == 0)
        {
            error = "No readable test case (each needs an input string and a boolean output).";
            return null;
        }
        error = null;
        return new VerifierSpec(CleanSource(source), list) { SkippedCases = skipped };
    }

    /// <summary>A case as the tolerant reading takes it (object or [input, output] pair, output read as a boolean); shared with <see cref="QuestionListParser"/>.</summary>
    internal static VerifierCase? ReadCase(JsonElement item)
    {
        JsonElement? input = null, output = null;
        if (item.ValueKind == JsonValueKind.Object)
        {
            input = Property(item, "input", "response", "text");
            output = Property(item, "output", "expected", "expected_output", "result");
        }
        else if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2)
        {
            input = item[0];
            output = item[1];
        }
        if (input is not { ValueKind: JsonValueKind.String } inputValue || output is null)
        {
            return null;
        }
        var expected = Bool(output.Value);
        return expected is null ? null : new VerifierCase(inputValue.GetString()!, expected.Value);
    }

    internal static bool? Bool(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
        JsonValueKind.String => value.GetString()!.Trim().Trim('.').ToLowerInvariant() switch
        {
            "true" or "yes" or "1" or "pass" => true,
            "false" or "no" or "0" or "fail" => false,
            _ => null,
        },
        _ => null,
    };

    internal static JsonElement? Property(JsonElement element, params string[] names)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (names.Any(n => string.Equals(n, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return property.Value;
            }
        }
        return null;
    }

    private static string CleanSource(string source)
    {
        source = source.Replace("\r\n", "\n", StringComparison.Ordinal);
        // Double-escaped source ("def evaluate(r):\\n    return ...") arrives as one line with literal \n.
        if (!source.Contains('\n', StringComparison.Ordinal) && source.Contains("\\n", StringComparison.Ordinal))
        {
            source = source.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal)
                .Replace("\\\"", "\"", StringComparison.Ordinal);
        }
        var fence = CodeFence().Match(source);
        if (fence.Success)
        {
            source = fence.Groups["body"].Value;
        }
        return source.Trim('\n', ' ') + "\n";
    }

    /// <summary>Fenced blocks first (the model's intended answer), then every balanced top-level object in the text.</summary>
    internal static IEnumerable<string> Candidates(string text)
    {
        foreach (Match match in JsonFence().Matches(text))
        {
            var body = match.Groups["body"].Value.Trim();
            if (body.Contains('{', StringComparison.Ordinal))
            {
                yield return body;
                foreach (var inner in Objects(body).Where(o => o != body))
                {
                    yield return inner;
                }
            }
        }
        foreach (var candidate in Objects(text))
        {
            yield return candidate;
        }
    }

    private static IEnumerable<string> Objects(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = MatchingBrace(text, start);
            if (end < 0)
            {
                // Unbalanced (truncated answer): offer the rest so a repair can still close nothing but report an error.
                yield return text[start..];
                yield break;
            }
            yield return text[start..(end + 1)];
            start = text.IndexOf('{', end + 1);
        }
    }

    private static int MatchingBrace(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }
                    break;
                default:
                    break;
            }
        }
        return -1;
    }

    /// <summary>Escapes raw control characters inside strings and turns Python literals outside strings into JSON.</summary>
    internal static string Repair(string json)
    {
        var builder = new StringBuilder(json.Length + 32);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                switch (c)
                {
                    case '\\' when i + 1 < json.Length:
                        builder.Append(c).Append(json[++i]);
                        continue;
                    case '"':
                        inString = false;
                        break;
                    case '\n':
                        builder.Append("\\n");
                        continue;
                    case '\r':
                        continue;
                    case '\t':
                        builder.Append("\\t");
                        continue;
                    default:
                        break;
                }
                builder.Append(c);
                continue;
            }
            if (c == '"')
            {
                inString = true;
            }
            else if (Word(json, i, "True"))
            {
                builder.Append("true");
                i += 3;
                continue;
            }
            else if (Word(json, i, "False"))
            {
                builder.Append("false");
                i += 4;
                continue;
            }
            else if (Word(json, i, "None"))
            {
                builder.Append("null");
                i += 3;
                continue;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool Word(string text, int index, string word) =>
        string.CompareOrdinal(text, index, word, 0, word.Length) == 0 &&
        (index == 0 || !char.IsLetterOrDigit(text[index - 1])) &&
        (index + word.Length >= text.Length || !char.IsLetterOrDigit(text[index + word.Length]));

    [GeneratedRegex(@"```json(?<body>.*?)```", RegexOptions.Singleline)]
    internal static partial Regex StrictFence();

    [GeneratedRegex(@"```[ \t]*(?:json|JSON|javascript|js)?[ \t]*\r?\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonFence();

    [GeneratedRegex(@"```[ \t]*(?:python|py)?[ \t]*\n(?<body>.*?)(?:```|$)", RegexOptions.Singleline)]
    private static partial Regex CodeFence();
}
