namespace AutoIF.Core.Export;

/// <summary>What an export contains; the CLI spells these <c>sft</c>, <c>dpo</c> and <c>scores</c> (DESIGN.md §10).</summary>
public enum ExportKind
{
    Sft = 0,
    Dpo = 1,
    Scores = 2,
}
