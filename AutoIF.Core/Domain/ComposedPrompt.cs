namespace AutoIF.Core.Domain;

/// <summary>
/// A query joined with an instruction: what the model is asked to answer. Round 0 is the main run;
/// round N is the N-th online DPO round. Verdicts are per verifier, so a prompt carrying several
/// instructions later only adds rows to verify, not columns.
/// </summary>
public class ComposedPrompt
{
    public int Id { get; init; }
    public int RunId { get; init; }
    public int InstructionId { get; init; }
    public int? QueryId { get; init; }
    public required string Text { get; init; }
    public int Round { get; init; }
    public bool IsDemo { get; init; }

    public Instruction? Instruction { get; init; }
    public Query? Query { get; init; }
}
