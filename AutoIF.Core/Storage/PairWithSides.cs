using AutoIF.Core.Domain;

namespace AutoIF.Core.Storage;

/// <summary>A DPO pair with its response sides, null for an instruction-level pair's test cases or a response since deleted.</summary>
public sealed class PairWithSides
{
    public required DpoPair Pair { get; init; }
    public Response? Chosen { get; init; }
    public Response? Rejected { get; init; }
}
