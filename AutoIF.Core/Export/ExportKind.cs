namespace AutoIF.Core.Export;

/// <summary>What an export contains; the CLI spells these <c>sft</c>, <c>dpo</c>, <c>scores</c>, <c>verifiers</c> and <c>rl</c>.</summary>
public enum ExportKind
{
    Sft = 0,
    Dpo = 1,
    Scores = 2,
    /// <summary>Instructions that passed cross-validation with their functions and cases (the scripts' cross_validation.jsonl).</summary>
    Verifiers = 3,
    /// <summary>RL prompt sets: one training prompt per row with the label the reward service scores it by.</summary>
    Rl = 4,
}
