using System.Globalization;
using System.Text.RegularExpressions;
using AutoIF.Core.Domain.Settings;

namespace AutoIF.Core.Llm.Parsing;

/// <summary>
/// Reads "Score: N" (0–10) from the end of a judgement: the last such line wins; markdown emphasis, "N/10" and
/// decimals (rounded down, so 7.5 does not pass a threshold of 8) are accepted; the text before it is the rationale.
/// </summary>
public static partial class JudgeScoreParser
{
    public static ParseResult<JudgeScore> Parse(string text, JudgeParsing parsing) =>
        parsing == JudgeParsing.Strict ? ParseStrict(text) : Parse(text);

    /// <summary>As code/8_query_score_filiter.py reads it: <c>Score: (\d+?)$</c> at the very end (before at most one newline), any whole number.</summary>
    public static ParseResult<JudgeScore> ParseStrict(string text)
    {
        text ??= "";
        var match = StrictScore().Match(text);
        return match.Success && int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var score)
            ? ParseResults.Ok(new JudgeScore(score, text[..match.Index].Trim()), text)
            : ParseResults.Fail<JudgeScore>("No \"Score: N\" at the very end.", text);
    }

    public static ParseResult<JudgeScore> Parse(string text)
    {
        text ??= "";
        var matches = ScoreLine().Matches(text);
        if (matches.Count == 0)
        {
            return ParseResults.Fail<JudgeScore>("No \"Score: N\" line found.", text);
        }
        var last = matches[^1];
        var value = double.Parse(last.Groups["n"].Value, CultureInfo.InvariantCulture);
        if (value is < 0 or > 10)
        {
            return ParseResults.Fail<JudgeScore>($"Score {value} is outside 0–10.", text);
        }
        var rationale = text[..last.Index].Trim();
        return ParseResults.Ok(new JudgeScore((int)Math.Floor(value), rationale), text);
    }

    [GeneratedRegex(@"Score: (?<n>\d+?)$")]
    private static partial Regex StrictScore();

    [GeneratedRegex(@"^[ \t>#*_\-]*(?:final\s+|overall\s+)?(?:score|rating)[ \t*_]*[:：=][ \t*_\[]*(?<n>\d{1,2}(?:\.\d+)?)[ \t*_\]]*(?:/[ \t]*10)?[ \t*_.\r]*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ScoreLine();
}
