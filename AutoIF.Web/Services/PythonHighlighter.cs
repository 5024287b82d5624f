using System.Text.RegularExpressions;

namespace AutoIF.Web.Services;

/// <summary>
/// A small server-side tokenizer for showing verifier code: keywords, common builtins, strings (incl. triple-quoted and
/// prefixed), comments and numbers. It only colours text; the code is rendered as text, never as markup.
/// </summary>
public static partial class PythonHighlighter
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
        "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield",
    };

    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
    {
        "len", "str", "int", "float", "bool", "list", "dict", "set", "tuple", "range", "print", "sum", "min", "max", "any", "all",
        "sorted", "enumerate", "zip", "map", "filter", "isinstance", "abs", "round", "eval", "exec", "open", "re", "self",
    };

    public static IReadOnlyList<PythonToken> Tokenize(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tokens = new List<PythonToken>();
        var text = new System.Text.StringBuilder();
        void Flush()
        {
            if (text.Length > 0)
            {
                tokens.Add(new PythonToken(PythonTokenKind.Text, text.ToString()));
                text.Clear();
            }
        }
        foreach (Match match in Lexeme().Matches(source))
        {
            var kind = match.Groups["comment"].Success ? PythonTokenKind.Comment
                : match.Groups["string"].Success ? PythonTokenKind.StringLiteral
                : match.Groups["number"].Success ? PythonTokenKind.Number
                : match.Groups["word"].Success && Keywords.Contains(match.Value) ? PythonTokenKind.Keyword
                : match.Groups["word"].Success && Builtins.Contains(match.Value) ? PythonTokenKind.Builtin
                : PythonTokenKind.Text;
            if (kind == PythonTokenKind.Text)
            {
                text.Append(match.Value);
                continue;
            }
            Flush();
            tokens.Add(new PythonToken(kind, match.Value));
        }
        Flush();
        return tokens;
    }

    public static string CssClass(PythonTokenKind kind) => kind switch
    {
        PythonTokenKind.Keyword => "py-kw",
        PythonTokenKind.Builtin => "py-bi",
        PythonTokenKind.StringLiteral => "py-str",
        PythonTokenKind.Comment => "py-com",
        PythonTokenKind.Number => "py-num",
        _ => "",
    };

    // Alternatives in priority order; an unterminated string runs to the end of its line (or of the source for triple quotes).
    [GeneratedRegex("""
        (?<comment>\#[^\n]*)
        |(?<string>(?:[rRbBuUfF]{1,2})?(?:'''[\s\S]*?(?:'''|$(?![\s\S]))|\"\"\"[\s\S]*?(?:\"\"\"|$(?![\s\S]))|'(?:\\.|[^'\\\n])*'?|"(?:\\.|[^"\\\n])*"?))
        |(?<number>\b\d+(?:\.\d+)?\b)
        |(?<word>\b[A-Za-z_][A-Za-z0-9_]*\b)
        |(?<other>[\s\S])
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Lexeme();
}
