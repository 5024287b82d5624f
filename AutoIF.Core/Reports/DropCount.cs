namespace AutoIF.Core.Reports;

/// <summary>How many items one reason dropped. Reasons differing only in their numbers are counted together.</summary>
public sealed record DropCount(string Reason, long Count, string Example);
