using AutoIF.Core.Llm.Parsing;

namespace AutoIF.Core.Llm;

/// <summary>A call and, when it succeeded, the parse of its text. <see cref="Parse"/> is null when the call failed.</summary>
public sealed record LlmParsedResult<T>(LlmResult Result, ParseResult<T>? Parse)
{
    public bool Succeeded => Result.Succeeded && Parse is { Success: true };

    public T? Value => Parse is { Success: true } ? Parse.Value : default;
}
