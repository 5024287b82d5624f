namespace AutoIF.Core.Reports;

/// <summary>A run in a filter drop-down.</summary>
public sealed record RunOption(int Id, string Name, bool IsDemo);
