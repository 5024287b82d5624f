namespace AutoIF.Core.Import;

/// <summary>
/// A prompt as the file wrote it with its sampled responses in file order (the position is the sample index).
/// <see cref="Query"/> is set when the prompt was the scripts' wrapper around the line's instruction.
/// </summary>
internal sealed record ParsedPrompt(string Text, string? Query, IReadOnlyList<string> Responses)
{
    /// <summary>One prompt per instruction and query (as the database's unique index has it), else per text as written.</summary>
    public string Key => Query is null ? "text:" + Text : "query:" + TextHash.Normalized(Query);
}
