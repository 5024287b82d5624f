using System.Security.Cryptography;
using System.Text;

namespace AutoIF.Core.Domain;

/// <summary>Identity hashes for text. Instruction and query hashes ignore case, spacing and trailing punctuation so trivial variants count as duplicates.</summary>
public static class TextHash
{
    public static string Exact(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Normalized(string text) => Exact(Normalize(text));

    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }
            space = false;
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString().TrimEnd('.', '!', '?', ';', ':', ' ');
    }
}
