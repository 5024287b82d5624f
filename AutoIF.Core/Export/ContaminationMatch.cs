namespace AutoIF.Core.Export;

/// <summary>How much one exported prompt overlaps the benchmark, against the benchmark prompt it shares most 13-grams with.</summary>
/// <param name="SourceId">Response or pair id of the exported row (0 when checked without a row).</param>
/// <param name="SharedNGrams">Distinct 13-grams of the prompt found anywhere in the benchmark.</param>
/// <param name="PromptNGrams">Distinct 13-grams of the prompt.</param>
/// <param name="BenchmarkLine">1-based line of the benchmark file holding the closest prompt.</param>
public sealed record ContaminationMatch(
    long SourceId,
    string Prompt,
    int SharedNGrams,
    int PromptNGrams,
    int BenchmarkLine,
    string BenchmarkPrompt)
{
    /// <summary>Share of the prompt's 13-grams that occur in the benchmark, 0 to 1.</summary>
    public double Overlap => PromptNGrams == 0 ? 0 : (double)SharedNGrams / PromptNGrams;
}
