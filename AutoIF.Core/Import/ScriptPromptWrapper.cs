using System.Text.RegularExpressions;

namespace AutoIF.Core.Import;

/// <summary>
/// The prompt the reference scripts sampled responses for (code/6_concat_sharegpt_query.py):
/// <c>Please answer the query strictly following the instruction.\n[instruction] {instruction}\n[Query] {query}</c>.
/// Taken apart, the query can be stored and the prompt composed as a run of ours composes it, so the judge and the
/// exports see the query, not the wrapper.
/// </summary>
internal static partial class ScriptPromptWrapper
{
    public const string Opening = "Please answer the query strictly following the instruction.";

    /// <summary>
    /// The query of <paramref name="prompt"/> when it is the wrapper around <paramref name="instruction"/> (compared as
    /// instructions are matched, by normalised text); null when it is not, or wraps another instruction.
    /// </summary>
    public static string? Unwrap(string prompt, string instruction)
    {
        var match = Wrapper().Match(prompt);
        if (!match.Success || TextHash.Normalized(match.Groups["instruction"].Value) != TextHash.Normalized(instruction))
        {
            return null;
        }
        var query = match.Groups["query"].Value.Trim();
        return query.Length > 0 ? query : null;
    }

    [GeneratedRegex(@"\APlease answer the query strictly following the instruction\.[ \t]*\r?\n\[instruction\][ \t]*(?<instruction>.*?)[ \t]*\r?\n\[Query\](?<query>.*)\z", RegexOptions.Singleline)]
    private static partial Regex Wrapper();
}
