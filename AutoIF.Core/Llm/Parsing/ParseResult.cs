namespace AutoIF.Core.Llm.Parsing;

/// <summary>A tolerant parse: either a value, or the reason it failed together with the raw text. Never thrown.</summary>
public sealed record ParseResult<T>(T? Value, string? Error, string Raw)
{
    public bool Success => Error is null;
}
