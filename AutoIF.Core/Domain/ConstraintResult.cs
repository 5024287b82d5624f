namespace AutoIF.Core.Domain;

/// <summary>
/// One constraint's result on a response whose prompt carries several (decision 024): the accuracy of that
/// instruction's verifiers alone, and whether it passes Verify:MinAccuracy by the run's rule. Stored for every
/// constraint of such a response (the lead at position 0 too); a single-constraint response has none, its own
/// <see cref="Response.Accuracy"/> being that constraint's result.
/// </summary>
public class ConstraintResult
{
    public long Id { get; init; }
    public int RunId { get; init; }
    public long ResponseId { get; init; }
    public int InstructionId { get; init; }
    public int Position { get; init; }
    public double Accuracy { get; init; }
    public bool Passed { get; init; }
}
