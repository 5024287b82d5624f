namespace AutoIF.Core.Export;

/// <summary>Which test found an instruction in the benchmark; the first that holds, in this order, is reported.</summary>
public enum InstructionMatchKind
{
    /// <summary>The normalised texts are the same.</summary>
    Equal,

    /// <summary>The instruction's normalised text stands inside a benchmark sentence.</summary>
    Contained,

    /// <summary>A whole benchmark sentence stands inside the instruction.</summary>
    Contains,

    /// <summary>The instruction shares at least one <see cref="BenchmarkInstructionIndex.NGramSize"/>-gram with a benchmark sentence.</summary>
    NGram,
}
