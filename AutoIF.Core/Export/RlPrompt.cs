using AutoIF.Core.Rewards;

namespace AutoIF.Core.Export;

/// <summary>One RL training prompt: the text the SFT and scores exports write for it, and the label the reward service scores a rollout by.</summary>
/// <param name="Prompt">Query and instruction composed by <see cref="Pipeline.PromptComposer"/>.</param>
/// <param name="Label">Run, composed prompt and the instructions whose verifiers score the rollout.</param>
/// <param name="System">Optional system prompt, the first message where the format has messages.</param>
/// <param name="Index">The row's position in the prompt set after the filters, before the train/validation split: unique across both files.</param>
public sealed record RlPrompt(string Prompt, RewardLabel Label, Provenance Provenance, string? System = null, long Index = 0) : IExportRow
{
    /// <summary>The label as every RL format writes it: the JSON string <c>{"run", "prompt_id", "instruction_ids"}</c>.</summary>
    public string LabelJson { get; } = Label.ToJson();

    public int InstructionId => Provenance.InstructionId;

    public long SourceId => Provenance.SourceId;
}
