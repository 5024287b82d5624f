namespace AutoIF.Core.Reports;

/// <summary>A row of <see cref="DifficultyQuery"/>'s response statement: the responses to prompts carrying K constraints.</summary>
public sealed class DifficultyResponseCounts
{
    public long K { get; init; }

    public long Responses { get; init; }

    public long Verified { get; init; }

    public long Passed { get; init; }

    public long Kept { get; init; }
}
