namespace AutoIF.Core.Import;

/// <summary>
/// What one line of a reference file says about one instruction. <see cref="Text"/> is null only for
/// dpo_query_w_funcs lines without an "instruction" field; those get a text when lines are grouped.
/// </summary>
internal sealed record ParsedInstruction(
    int Line,
    string? Text,
    IReadOnlyList<ParsedVerifier> Verifiers,
    IReadOnlyList<ParsedCase> Cases,
    IReadOnlyList<ParsedBackTranslation> BackTranslations,
    IReadOnlyList<ParsedPrompt> Prompts,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Characters held, for the buffering cap.</summary>
    public long Size =>
        (Text?.Length ?? 0) + Verifiers.Sum(v => (long)v.Source.Length) + Cases.Sum(c => (long)c.Input.Length) +
        BackTranslations.Sum(b => (long)b.Text.Length) + Prompts.Sum(p => p.Text.Length + p.Responses.Sum(r => (long)r.Length));
}
