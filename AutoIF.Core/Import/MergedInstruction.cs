namespace AutoIF.Core.Import;

/// <summary>
/// Everything a file says about one instruction, gathered over all its lines (query_rft repeats the instruction on
/// every prompt line): functions unique by source hash, cases unique by (input, expected), prompts unique by
/// <see cref="ParsedPrompt.Key"/> (query, or text as written).
/// The first occurrence wins, so the stored sample indexes and accuracies are those of the earliest line.
/// </summary>
internal sealed class MergedInstruction(int line, string text)
{
    private readonly HashSet<(string?, string, string)> _caseKeys = [];
    private readonly HashSet<string> _backTranslationKeys = new(StringComparer.Ordinal);

    public int Line { get; } = line;

    public string Text { get; } = text;

    public string TextHash { get; } = Domain.TextHash.Normalized(text);

    public Dictionary<string, ParsedVerifier> Verifiers { get; } = new(StringComparer.Ordinal);

    public List<ParsedCase> Cases { get; } = [];

    public List<ParsedBackTranslation> BackTranslations { get; } = [];

    public Dictionary<string, ParsedPrompt> Prompts { get; } = new(StringComparer.Ordinal);

    public void Add(ParsedInstruction parsed)
    {
        foreach (var verifier in parsed.Verifiers)
        {
            Verifiers.TryAdd(verifier.SourceHash, verifier);
        }
        foreach (var testCase in parsed.Cases)
        {
            if (_caseKeys.Add(testCase.Key))
            {
                Cases.Add(testCase);
            }
        }
        foreach (var backTranslation in parsed.BackTranslations)
        {
            if (_backTranslationKeys.Add(backTranslation.Text))
            {
                BackTranslations.Add(backTranslation);
            }
        }
        foreach (var prompt in parsed.Prompts)
        {
            Prompts.TryAdd(prompt.Key, prompt);
        }
    }

    public int ResponseCount => Prompts.Values.Sum(p => p.Responses.Count);
}
