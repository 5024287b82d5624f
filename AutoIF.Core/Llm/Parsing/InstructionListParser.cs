using System.Text.RegularExpressions;

namespace AutoIF.Core.Llm.Parsing;

/// <summary>
/// Reads a list of instructions from an augment answer: lines starting with "- ", "* ", "• ", "1." or "1)";
/// prose, headings and code fences around the list are ignored; markdown bold and wrapping quotes are removed.
/// </summary>
public static partial class InstructionListParser
{
    public static ParseResult<IReadOnlyList<string>> Parse(string text)
    {
        text ??= "";
        var items = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var match = ListItem().Match(rawLine.Trim());
            if (!match.Success)
            {
                continue;
            }
            var item = Clean(match.Groups["item"].Value);
            // "Here are 10 instructions:" style headings inside the list are not instructions.
            if (item.Length < 8 || item.EndsWith(':') || !item.Any(char.IsLetter))
            {
                continue;
            }
            if (seen.Add(item))
            {
                items.Add(item);
            }
        }
        return items.Count == 0
            ? ParseResults.Fail<IReadOnlyList<string>>("No list items (lines starting with \"- \" or a number) found.", text)
            : ParseResults.Ok<IReadOnlyList<string>>(items, text);
    }

    private static string Clean(string item)
    {
        item = item.Trim();
        item = item.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal).Trim();
        if (item.Length >= 2 && ((item[0] == '"' && item[^1] == '"') || (item[0] == '“' && item[^1] == '”') || (item[0] == '`' && item[^1] == '`')))
        {
            item = item[1..^1].Trim();
        }
        // "Instruction: ..." prefixes some models add to every line.
        if (item.StartsWith("Instruction:", StringComparison.OrdinalIgnoreCase))
        {
            item = item["Instruction:".Length..].Trim();
        }
        return item;
    }

    [GeneratedRegex(@"^(?:[-*•]\s+|\d{1,4}[.)]\s+|\(\d{1,4}\)\s+)(?<item>.+)$")]
    private static partial Regex ListItem();
}
