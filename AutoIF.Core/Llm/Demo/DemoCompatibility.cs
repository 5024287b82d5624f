using System.Globalization;
using System.Text.RegularExpressions;

namespace AutoIF.Core.Llm.Demo;

/// <summary>
/// The demo model's answer to "can one response follow both?": no for the conflicts a reader sees at once — opposite
/// letter cases, a word or sentence bound below another's minimum — and yes otherwise, so an offline run composes
/// multi-constraint prompts and still rejects the obvious contradictions.
/// </summary>
public static partial class DemoCompatibility
{
    public static bool CanFollowBoth(string first, string second) =>
        !(CaseConflict(first, second) || CaseConflict(second, first) || BoundConflict(first, second) || BoundConflict(second, first));

    private static bool CaseConflict(string a, string b) => Upper().IsMatch(a) && Lower().IsMatch(b);

    // "fewer than 50 words" / "at most 50 words" with "at least 300 words" / "more than 300 words", on the same unit.
    private static bool BoundConflict(string a, string b)
    {
        foreach (Match most in AtMost().Matches(a))
        {
            foreach (Match least in AtLeast().Matches(b))
            {
                if (Unit(most) == Unit(least) && Number(least) >= Number(most))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static int Number(Match m) => int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);

    private static string Unit(Match m) => m.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s');

    [GeneratedRegex(@"\b(?:all\s+)?(?:capital|upper[- ]?case|uppercase)\s+letters\b|\bin\s+all\s+capitals\b|\ball\s+caps\b", RegexOptions.IgnoreCase)]
    private static partial Regex Upper();

    [GeneratedRegex(@"\b(?:all\s+)?lower[- ]?case\b", RegexOptions.IgnoreCase)]
    private static partial Regex Lower();

    [GeneratedRegex(@"\b(?:fewer|less)\s+than\s+(?<n>\d+)\s+(?<unit>words?|sentences?|paragraphs?)|\b(?:at\s+most|no\s+more\s+than|under)\s+(?<n>\d+)\s+(?<unit>words?|sentences?|paragraphs?)", RegexOptions.IgnoreCase)]
    private static partial Regex AtMost();

    [GeneratedRegex(@"\b(?:at\s+least|more\s+than|over|no\s+fewer\s+than|a\s+minimum\s+of)\s+(?<n>\d+)\s+(?<unit>words?|sentences?|paragraphs?)", RegexOptions.IgnoreCase)]
    private static partial Regex AtLeast();
}
