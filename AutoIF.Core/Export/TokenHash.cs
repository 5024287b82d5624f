namespace AutoIF.Core.Export;

/// <summary>
/// FNV-1a 64 over word tokens, each followed by a space, so a run of tokens hashes the same however it is reached:
/// <see cref="Append"/> extends a hash by one token. Collisions are negligible at benchmark sizes.
/// </summary>
internal static class TokenHash
{
    public const ulong Empty = 14695981039346656037UL;

    public static ulong Append(ulong hash, string token)
    {
        foreach (var c in token)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return (hash ^ ' ') * 1099511628211UL;
    }

    public static ulong Of(IReadOnlyList<string> tokens, int start, int count)
    {
        var hash = Empty;
        for (var k = start; k < start + count; k++)
        {
            hash = Append(hash, tokens[k]);
        }
        return hash;
    }
}
