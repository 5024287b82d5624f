using System.Text;
using System.Text.RegularExpressions;

namespace AutoIF.Core.Domain.State;

/// <summary>
/// One kind of drop reason: a stable <see cref="Code"/> (stored), the English <see cref="Template"/> its text is rendered
/// from, with <c>{name}</c> holes in the order of <see cref="ArgumentNames"/>. An argument written as <c>"{name}"</c> in the
/// template is quoted text, shown as <c>"…"</c> in the funnel's group label; numbers in the others show as N.
/// </summary>
public sealed partial class DropReasonCode
{
    private readonly Regex _parser;
    private readonly HashSet<string> _quoted;

    public DropReasonCode(string code, string template)
    {
        Code = code;
        Template = template;
        ArgumentNames = [.. Hole().Matches(template).Select(m => m.Groups[1].Value)];
        _quoted = [.. ArgumentNames.Where(name => template.Contains($"\"{{{name}}}\"", StringComparison.Ordinal))];
        var pattern = new StringBuilder("^");
        var at = 0;
        foreach (Match hole in Hole().Matches(template))
        {
            pattern.Append(Regex.Escape(template[at..hole.Index])).Append("(.*)");
            at = hole.Index + hole.Length;
        }
        pattern.Append(Regex.Escape(template[at..])).Append('$');
        _parser = new Regex(pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    public string Code { get; }

    public string Template { get; }

    public IReadOnlyList<string> ArgumentNames { get; }

    /// <summary>This code with its arguments, in <see cref="ArgumentNames"/> order; a wrong count is a programming error.</summary>
    public CodedDropReason With(params string[] arguments)
    {
        if (arguments.Length != ArgumentNames.Count)
        {
            throw new ArgumentException($"drop reason '{Code}' takes {ArgumentNames.Count} argument(s) ({string.Join(", ", ArgumentNames)}), got {arguments.Length}", nameof(arguments));
        }
        return new CodedDropReason(this, arguments);
    }

    /// <summary>The text: the template with each hole filled. The one place a reason becomes prose.</summary>
    public string Render(IReadOnlyList<string> arguments) => Fill(arguments, (_, value) => value);

    /// <summary>The funnel's group label: quoted arguments as "…", numbers in the others as N, so "only 2 of 5" and "only 1 of 5" count together.</summary>
    public string Label(IReadOnlyList<string> arguments) =>
        Fill(arguments, (name, value) => _quoted.Contains(name) ? "…" : Numbers().Replace(Quoted().Replace(value, "\"…\""), "N"));

    /// <summary>The arguments that render to <paramref name="text"/>, if this code's template can; for upgrading stored prose.</summary>
    public string[]? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = _parser.Match(text);
        if (!match.Success)
        {
            return null;
        }
        var arguments = match.Groups.Cast<Group>().Skip(1).Select(g => g.Value).ToArray();
        // A greedy hole can swallow a literal that also occurs in an argument; only a parse that renders back exactly counts.
        return Render(arguments) == text ? arguments : null;
    }

    private string Fill(IReadOnlyList<string> arguments, Func<string, string, string> show)
    {
        var index = 0;
        return Hole().Replace(Template, hole =>
        {
            var i = index++;
            return i < arguments.Count ? show(hole.Groups[1].Value, arguments[i]) : "";
        });
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Hole();

    [GeneratedRegex(@"\d+(\.\d+)?%?")]
    private static partial Regex Numbers();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Quoted();
}
