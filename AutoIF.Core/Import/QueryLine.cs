namespace AutoIF.Core.Import;

/// <summary>One query read from a pool file and the 1-based line its record starts on.</summary>
internal sealed record QueryLine(int Line, string Text);
