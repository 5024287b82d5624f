namespace AutoIF.Core.Export;

/// <summary>One of the run's instructions found among the benchmark's instructions.</summary>
/// <param name="BenchmarkText">The benchmark sentence it matched (for <see cref="InstructionMatchKind.NGram"/>: the one sharing most n-grams).</param>
/// <param name="BenchmarkLine">1-based line of the benchmark file holding that sentence.</param>
/// <param name="SharedNGrams">Distinct instruction n-grams found in the benchmark (0 for an instruction shorter than n).</param>
public sealed record InstructionContaminationMatch(
    int InstructionId,
    string Instruction,
    string BenchmarkText,
    int BenchmarkLine,
    InstructionMatchKind Test,
    int SharedNGrams)
{
    /// <summary>The test as the report, the page and the CLI name it.</summary>
    public string TestName => Test switch
    {
        InstructionMatchKind.Equal => "equal",
        InstructionMatchKind.Contained => "contained",
        InstructionMatchKind.Contains => "contains",
        _ => $"{BenchmarkInstructionIndex.NGramSize}-gram",
    };
}
