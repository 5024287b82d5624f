namespace AutoIF.Core.Import;

/// <summary>One parsed record for the preview table shown before importing.</summary>
/// <param name="Line">1-based line where the record starts.</param>
/// <param name="Text">The instruction, prompt or query.</param>
/// <param name="Detail">What else the record carries ("3 verifiers, 9 cases"), or why a query would be dropped.</param>
public sealed record ImportPreviewRow(int Line, string Text, string Detail);
