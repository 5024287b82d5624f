namespace AutoIF.Core.Llm.Parsing;

/// <summary>Constructors for <see cref="ParseResult{T}"/>.</summary>
public static class ParseResults
{
    public static ParseResult<T> Ok<T>(T value, string raw) => new(value, null, raw);

    public static ParseResult<T> Fail<T>(string error, string raw) => new(default, error, raw);
}
