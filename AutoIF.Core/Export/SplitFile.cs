namespace AutoIF.Core.Export;

/// <summary>One data file of an export: its split, its path inside the bundle and its row count.</summary>
public sealed record SplitFile(DatasetSplit Split, string Path, long Rows)
{
    public string SplitName => Split == DatasetSplit.Train ? "train" : "validation";
}
