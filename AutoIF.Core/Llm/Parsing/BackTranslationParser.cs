using System.Text.RegularExpressions;

namespace AutoIF.Core.Llm.Parsing;

/// <summary>
/// Reads back-translated instructions: every "Instruction: ..." line (possibly numbered or bulleted); failing that,
/// list items; failing that, a single short answer line. Quotes and markdown emphasis are removed.
/// </summary>
public static partial class BackTranslationParser
{
    /// <summary>As code/4_eval_func_backtranslator.py reads its answer: the whole text as JSON, which must be a list of texts.</summary>
    public static ParseResult<IReadOnlyList<string>> ParseJsonList(string text)
    {
        text ??= "";
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text.Trim());
            if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array
                && document.RootElement.EnumerateArray().All(e => e.ValueKind == System.Text.Json.JsonValueKind.String))
            {
                return ParseResults.Ok<IReadOnlyList<string>>(document.RootElement.EnumerateArray().Select(e => e.GetString()!).ToList(), text);
            }
            return ParseResults.Fail<IReadOnlyList<string>>("The answer is not a JSON list of texts.", text);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return ParseResults.Fail<IReadOnlyList<string>>("The answer is not JSON: " + ex.Message, text);
        }
    }

    public static ParseResult<IReadOnlyList<string>> Parse(string text)
    {
        text ??= "";
        var labelled = text.Split('\n')
            .Select(l => Labelled().Match(l.Trim()))
            .Where(m => m.Success)
            .Select(m => Clean(m.Groups["text"].Value))
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (labelled.Count > 0)
        {
            return ParseResults.Ok<IReadOnlyList<string>>(labelled, text);
        }
        var list = InstructionListParser.Parse(text);
        if (list.Success)
        {
            return list;
        }
        var lines = text.Split('\n').Select(l => Clean(l)).Where(l => l.Length > 0 && !l.StartsWith("```", StringComparison.Ordinal)).ToList();
        if (lines.Count == 1 && lines[0].Length <= 400)
        {
            return ParseResults.Ok<IReadOnlyList<string>>([lines[0]], text);
        }
        return ParseResults.Fail<IReadOnlyList<string>>("No \"Instruction:\" line and no single-line answer found.", text);
    }

    private static string Clean(string value)
    {
        value = value.Replace("**", "", StringComparison.Ordinal).Trim();
        if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '“' && value[^1] == '”')))
        {
            value = value[1..^1].Trim();
        }
        return value;
    }

    [GeneratedRegex(@"^(?:[-*•]\s*|\d{1,3}[.)]\s*)?(?:\*\*)?(?:back[- ]?translated\s+)?instruction(?:\s*\d+)?\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*(?<text>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Labelled();
}
