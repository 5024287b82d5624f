namespace AutoIF.Core.Reports;

/// <summary>
/// A full-text search as typed in the Instructions grid: every term must match (AND), a term is a whole word
/// (case-insensitive), <c>"quoted words"</c> must appear together in this order, and a trailing <c>*</c> matches words
/// starting with the term. Each engine splits a term into words itself (FTS5 quoted phrases, PostgreSQL quoted tsquery
/// operands) with the splitter that indexed the text, so "P.S." or "0.5" in a search splits as it did in the text.
/// </summary>
public sealed record TextSearch(IReadOnlyList<TextSearchTerm> Terms)
{
    /// <summary>Terms without a letter or digit are dropped: no indexed word can match them.</summary>
    public static TextSearch Parse(string? input)
    {
        var terms = new List<TextSearchTerm>();
        // Control characters (a NUL from a shared URL, say) separate words like spaces; neither engine accepts them in a query.
        var text = string.Concat((input ?? "").Select(c => char.IsControl(c) ? ' ' : c));
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            string term;
            if (text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                end = end < 0 ? text.Length : end;
                term = text[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '"')
                {
                    end++;
                }
                term = text[i..end];
                i = end;
            }
            var prefix = false;
            if (term.EndsWith('*'))
            {
                prefix = true;
                term = term.TrimEnd('*');
            }
            else if (i < text.Length && text[i] == '*')
            {
                prefix = true;
                i++;
            }
            term = term.Trim();
            if (term.Any(char.IsLetterOrDigit))
            {
                terms.Add(new TextSearchTerm(term, prefix));
            }
        }
        return new TextSearch(terms);
    }

    public bool IsEmpty => Terms.Count == 0;

    /// <summary>An FTS5 query: each term a quoted phrase (FTS5 tokenizes it like the text), implicit AND between terms.</summary>
    public string ToFts5() => string.Join(' ', Terms.Select(t => "\"" + t.Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (t.Prefix ? "*" : "")));

    /// <summary>A PostgreSQL tsquery: each term a quoted operand (split into a &lt;-&gt; phrase by the parser), joined by &amp;.</summary>
    public string ToTsQuery() => string.Join(" & ", Terms.Select(t =>
        "'" + t.Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'" + (t.Prefix ? ":*" : "")));
}
