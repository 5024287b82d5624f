namespace AutoIF.Core.Reports;

/// <summary>A row of <see cref="DifficultyQuery"/>'s prompt statement: prompts carrying K constraints.</summary>
public sealed class DifficultyPromptCount
{
    public long K { get; init; }

    public long Prompts { get; init; }
}
