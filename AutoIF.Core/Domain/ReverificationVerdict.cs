namespace AutoIF.Core.Domain;

/// <summary>
/// A re-verification's baseline: before the verdicts are recomputed, the verdict each verifier lineage (named by its first
/// version's id) gave a response, from its latest version that judged it. The diff is computed against these rows chunk
/// by chunk instead of in memory; they are deleted when the diff is stored.
/// </summary>
public class ReverificationVerdict
{
    public int ReverificationId { get; init; }
    public long ResponseId { get; init; }
    public int Lineage { get; init; }
    public int VerifierId { get; init; }
    public int Version { get; init; }
    public VerdictKind Kind { get; init; }
    public string? Detail { get; init; }
}
