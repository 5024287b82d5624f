using System.Security.Cryptography;
using System.Text;

namespace AutoIF.Core.Llm;

/// <summary>One prompt template: <c>{{name}}</c> placeholders; <see cref="Hash"/> identifies the exact text a run used.</summary>
public sealed record PromptTemplate(PromptKind Kind, string Name, string Text)
{
    /// <summary>First 16 hex digits of the SHA-256 of the text; stable across builds and machines.</summary>
    public string Hash { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)))[..16];

    /// <summary>Replaces every <c>{{name}}</c>; a placeholder without a value is an error, not a silent blank.</summary>
    public string Render(IReadOnlyDictionary<string, string> variables)
    {
        var builder = new StringBuilder(Text.Length + 256);
        var position = 0;
        while (position < Text.Length)
        {
            var open = Text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                builder.Append(Text, position, Text.Length - position);
                break;
            }
            var close = Text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                builder.Append(Text, position, Text.Length - position);
                break;
            }
            builder.Append(Text, position, open - position);
            var name = Text[(open + 2)..close];
            if (!variables.TryGetValue(name, out var value))
            {
                throw new ArgumentException($"Template '{Name}' needs a value for '{{{{{name}}}}}'.", nameof(variables));
            }
            builder.Append(value);
            position = close + 2;
        }
        return builder.ToString().TrimEnd();
    }
}
