using System.Globalization;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Joins a user query and an instruction into the prompt the model answers and the trainer sees.
/// Pure and deterministic: the same query and instruction always give the same prompt.
/// </summary>
/// <remarks>
/// <para>The rule (also in docs/decisions/004-export-formats.md):</para>
/// <list type="number">
/// <item>Both parts are trimmed of surrounding white space. An empty part is left out; the other is returned alone (still fixed).</item>
/// <item>
/// Capitalised first letters: the first word of the query and of the instruction gets an upper-case first letter when
/// the word is plain lower-case prose (letters, optionally one apostrophe, optionally trailing punctuation such as
/// "," or ":"). Words that carry meaning in their case or are not prose — "iPhone", "eBay", "x_axis", "http://…",
/// "3d", a leading quote or bracket — are left exactly as written.
/// </item>
/// <item>
/// A full stop where the query has none: when the query's last character is a letter or a digit, "." is appended.
/// A query that already ends in any punctuation or symbol ("?", "!", ".", ":", a closing quote or bracket, a code
/// fence) is left as is, because adding a stop there would change a quotation or code. The instruction's ending is
/// never changed: instructions often end with the literal text a response must contain ("end with 'P.S.'").
/// </item>
/// <item>
/// The parts are joined by one space; when the query spans several lines they are joined by a blank line instead,
/// so the instruction does not read as the last line of a code block or list.
/// </item>
/// </list>
/// <para>
/// Several instructions (Compose:MaxInstructions &gt; 1, decision 024): each is trimmed and capitalised as above and they
/// are listed one per line, in the prompt's constraint order, after the query and a blank line. One per line, because an
/// instruction's ending is never changed and two run together ("… in lowercase Use at most …") would read as one.
/// A single instruction is joined exactly as above.
/// </para>
/// </remarks>
public static class PromptComposer
{
    /// <summary>The prompt for <paramref name="query"/> answered under <paramref name="instruction"/>.</summary>
    public static string Compose(string query, string instruction)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(instruction);
        var q = FixQuery(query);
        var i = CapitaliseFirstWord(instruction.Trim());
        if (q.Length == 0)
        {
            return i;
        }
        if (i.Length == 0)
        {
            return q;
        }
        var separator = q.Contains('\n', StringComparison.Ordinal) ? "\n\n" : " ";
        return q + separator + i;
    }

    /// <summary>The prompt for <paramref name="query"/> answered under every one of <paramref name="instructions"/>, the lead first.</summary>
    public static string Compose(string query, IReadOnlyList<string> instructions)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(instructions);
        if (instructions.Count == 1)
        {
            return Compose(query, instructions[0]);
        }
        var listed = ListInstructions(instructions);
        var q = FixQuery(query);
        return q.Length == 0 ? listed : listed.Length == 0 ? q : q + "\n\n" + listed;
    }

    /// <summary>Several instructions as a prompt lists them: each trimmed and capitalised, one per line, empty ones left out.</summary>
    public static string ListInstructions(IEnumerable<string> instructions) =>
        string.Join("\n", instructions.Select(i => CapitaliseFirstWord(i.Trim())).Where(i => i.Length > 0));

    /// <summary>The query with the rule applied: trimmed, first word capitalised, full stop added when it has none.</summary>
    public static string FixQuery(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = CapitaliseFirstWord(query.Trim());
        return q.Length > 0 && char.IsLetterOrDigit(q[^1]) ? q + "." : q;
    }

    /// <summary>Upper-cases the first letter when the first word is plain lower-case prose; anything else is returned unchanged.</summary>
    public static string CapitaliseFirstWord(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || !char.IsLower(text[0]))
        {
            return text;
        }
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }
        var word = text.AsSpan(0, end).TrimEnd(",.;:!?");
        return IsPlainLowerCaseWord(word)
            ? string.Concat(char.ToUpper(text[0], CultureInfo.InvariantCulture).ToString(), text.AsSpan(1))
            : text;
    }

    private static bool IsPlainLowerCaseWord(ReadOnlySpan<char> word)
    {
        var apostrophes = 0;
        for (var k = 0; k < word.Length; k++)
        {
            var c = word[k];
            if (c == '\'' || c == '\u2019')
            {
                // One inner apostrophe ("what's", "don't"), never first or last.
                if (++apostrophes > 1 || k == 0 || k == word.Length - 1)
                {
                    return false;
                }
                continue;
            }
            if (!char.IsLetter(c) || !char.IsLower(c))
            {
                return false;
            }
        }
        return word.Length > 0;
    }
}
