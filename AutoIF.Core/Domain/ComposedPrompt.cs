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
    /// <summary>
    /// The prompt as an imported file wrote it, when <see cref="Text"/> was composed by us from the query and instruction
    /// it carried (the reference scripts' wrapper); null for a prompt a run composed or one imported as written.
    /// </summary>
    public string? SourceText { get; init; }
    public int Round { get; init; }
    public bool IsDemo { get; init; }

    public Instruction? Instruction { get; init; }
    public Query? Query { get; init; }
    /// <summary>The instructions it carries besides <see cref="InstructionId"/> (none for a single-instruction prompt).</summary>
    public List<PromptConstraint> Constraints { get; init; } = [];
}
