namespace AutoIF.Core.Domain;

/// <summary>
/// A further instruction a composed prompt carries besides its lead (<see cref="ComposedPrompt.InstructionId"/>), when
/// Compose:MaxInstructions &gt; 1. A prompt with k constraints has k − 1 of these, at positions 1 … k − 1 in the order
/// the prompt's text lists them; a single-instruction prompt has none, so every prompt made before stays as it was.
/// </summary>
public class PromptConstraint
{
    public long Id { get; init; }
    public int RunId { get; init; }
    public int PromptId { get; init; }
    public int InstructionId { get; init; }
    /// <summary>1 … k − 1; the lead is position 0 and lives on the prompt.</summary>
    public int Position { get; init; }
}
