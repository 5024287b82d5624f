namespace AutoIF.Core.Domain;

/// <summary>Query-level pairs contrast sampled responses; instruction-level pairs contrast test cases.</summary>
public enum PairLevel
{
    Query = 0,
    Instruction = 1,
}
