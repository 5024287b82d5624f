namespace AutoIF.Core.Import;

/// <summary>Groups a file's parsed lines into instructions, keyed like the database (run + normalised text hash).</summary>
internal static class ReferenceMerger
{
    /// <summary>Shortest shared opening worth calling an instruction; anything shorter is noise like "Write ".</summary>
    private const int MinDerivedLength = 10;

    public static IReadOnlyList<MergedInstruction> Merge(IEnumerable<ParsedInstruction> lines)
    {
        var byHash = new Dictionary<string, MergedInstruction>(StringComparer.Ordinal);
        var ordered = new List<MergedInstruction>();
        var untitled = new List<ParsedInstruction>();
        foreach (var line in lines)
        {
            if (line.Text is null)
            {
                untitled.Add(line);
                continue;
            }
            Add(line, line.Text, byHash, ordered);
        }
        // dpo_query_w_funcs.jsonl has no instruction field: lines checked by the same functions share an instruction.
        foreach (var group in untitled.GroupBy(l => string.Join('|', l.Verifiers.Select(v => v.SourceHash).Order(StringComparer.Ordinal)), StringComparer.Ordinal))
        {
            var text = DeriveText(group.SelectMany(l => l.Prompts).Select(p => p.Text).Distinct(StringComparer.Ordinal).ToList());
            foreach (var line in group)
            {
                Add(line, text, byHash, ordered);
            }
        }
        return ordered;
    }

    /// <summary>
    /// The scripts composed prompts as "instruction + query", so the sentences every prompt of a group starts with are
    /// the instruction. A group of one prompt, or one whose prompts share no whole sentence, uses its first prompt.
    /// </summary>
    internal static string DeriveText(IReadOnlyList<string> prompts)
    {
        if (prompts.Count >= 2)
        {
            var prefix = prompts[0];
            foreach (var prompt in prompts.Skip(1))
            {
                var length = 0;
                while (length < prefix.Length && length < prompt.Length && prefix[length] == prompt[length])
                {
                    length++;
                }
                prefix = prefix[..length];
            }
            var end = LastSentenceEnd(prefix);
            if (end > 0 && prefix[..end].Trim() is { Length: >= MinDerivedLength } shared)
            {
                return shared;
            }
        }
        return prompts[0];
    }

    private static int LastSentenceEnd(string prefix)
    {
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] == '\n' || (prefix[i] is '.' or '!' or '?' && i + 1 < prefix.Length && char.IsWhiteSpace(prefix[i + 1])))
            {
                return i + 1;
            }
        }
        return 0;
    }

    private static void Add(ParsedInstruction line, string text, Dictionary<string, MergedInstruction> byHash, List<MergedInstruction> ordered)
    {
        var merged = new MergedInstruction(line.Line, text);
        if (byHash.TryGetValue(merged.TextHash, out var existing))
        {
            merged = existing;
        }
        else
        {
            byHash.Add(merged.TextHash, merged);
            ordered.Add(merged);
        }
        merged.Add(line);
    }
}
