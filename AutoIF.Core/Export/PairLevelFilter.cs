namespace AutoIF.Core.Export;

/// <summary>Which DPO pairs to export; the CLI spells these <c>query</c>, <c>instruction</c> and <c>both</c>.</summary>
public enum PairLevelFilter
{
    Both = 0,
    Query = 1,
    Instruction = 2,
}
