namespace AutoIF.Core.Export;

public enum DatasetSplit
{
    Train = 0,
    Validation = 1,
}
