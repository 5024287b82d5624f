using System.Text.RegularExpressions;

namespace AutoIF.Core.Llm.Parsing;

/// <summary>
/// Reads a yes/no answer: the last "Answer: yes|no" if present, otherwise the last standalone yes or no, because
/// models reason first and conclude last. Anything else is a failure (the caller decides what that means).
/// </summary>
public static partial class YesNoParser
{
    public static ParseResult<bool> Parse(string text)
    {
        text ??= "";
        var labelled = AnswerLine().Matches(text);
        if (labelled.Count > 0)
        {
            return ParseResults.Ok(IsYes(labelled[^1].Groups["word"].Value), text);
        }
        var words = AnyWord().Matches(text);
        return words.Count > 0
            ? ParseResults.Ok(IsYes(words[^1].Value), text)
            : ParseResults.Fail<bool>("No yes / no answer found.", text);
    }

    private static bool IsYes(string word) => word.Equals("yes", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"answer\s*[:：]\s*[*""'`\s]*(?<word>yes|no)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerLine();

    [GeneratedRegex(@"\b(?:yes|no)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnyWord();
}
