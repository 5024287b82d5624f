namespace AutoIF.Core.Export;

/// <summary>What an export contains; the CLI spells these <c>sft</c>, <c>dpo</c>, <c>scores</c> and <c>verifiers</c>.</summary>
public enum ExportKind
{
    Sft = 0,
    Dpo = 1,
    Scores = 2,
    /// <summary>Instructions that passed cross-validation with their functions and cases (the scripts' cross_validation.jsonl).</summary>
    Verifiers = 3,
}
