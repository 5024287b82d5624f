namespace AutoIF.Core.Export;

/// <summary>One line of the funnel in the dataset card: how many items reached a stage and how many it kept.</summary>
public sealed record StageCount(string Stage, long Entered, long Kept)
{
    public double? PassRate => Entered == 0 ? null : (double)Kept / Entered;
}
