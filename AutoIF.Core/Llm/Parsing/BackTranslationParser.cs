using System.Text.RegularExpressions;

namespace AutoIF.Core.Llm.Parsing;

/// <summary>
/// Reads back-translated instructions: every "Instruction: ..." line (possibly numbered or bulleted); failing that,
/// list items; failing that, a single short answer line. Quotes and markdown emphasis are removed.
/// </summary>
public static partial class BackTranslationParser
{
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
