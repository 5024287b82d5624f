using System.Text.RegularExpressions;

namespace AutoIF.Core.Llm.Parsing;

/// <summary>
/// Reads an NLI label: the last "Label: X" if present, otherwise the last of entailment / neutral / contradiction
/// (or entails / contradicts) mentioned, because models reason first and conclude last.
/// </summary>
public static partial class NliLabelParser
{
    public static ParseResult<NliLabel> Parse(string text)
    {
        text ??= "";
        var labelled = LabelLine().Matches(text);
        if (labelled.Count > 0 && ToLabel(labelled[^1].Groups["word"].Value) is { } fromLine)
        {
            return ParseResults.Ok(fromLine, text);
        }
        var words = AnyLabel().Matches(text);
        if (words.Count > 0 && ToLabel(words[^1].Value) is { } fromWord)
        {
            return ParseResults.Ok(fromWord, text);
        }
        return ParseResults.Fail<NliLabel>("No entailment / neutral / contradiction label found.", text);
    }

    private static NliLabel? ToLabel(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.StartsWith("entail", StringComparison.Ordinal))
        {
            return NliLabel.Entailment;
        }
        if (w.StartsWith("contradict", StringComparison.Ordinal))
        {
            return NliLabel.Contradiction;
        }
        if (w.StartsWith("neutral", StringComparison.Ordinal))
        {
            return NliLabel.Neutral;
        }
        return null;
    }

    [GeneratedRegex(@"label\s*[:：]\s*[*""'`\s]*(?<word>entail\w*|neutral\w*|contradict\w*)", RegexOptions.IgnoreCase)]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"\b(?:entailment|entails|entailed|entail|neutral|contradiction|contradicts|contradict|contradictory)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnyLabel();
}
