namespace AutoIF.Core.Rewards;

/// <summary>
/// OpenRLHF sends <c>query</c> as the trainer decoded it with special tokens kept: the templated prompt (its
/// <c>prompts[i]</c>), then the response, then end-of-turn tokens. The response is what is left.
/// </summary>
public static class OpenRlhfQuery
{
    /// <summary>End-of-turn and end-of-text tokens of the common chat templates (Qwen/ChatML, Llama 3, GPT-2 style, Llama 2/Mistral).</summary>
    public static IReadOnlyList<string> EndOfTurnTokens { get; } = ["<|im_end|>", "<|eot_id|>", "<|endoftext|>", "</s>"];

    /// <summary>
    /// <paramref name="query"/> without the leading <paramref name="prompt"/> (when it starts with it; a query that does not
    /// is taken as the response alone) and without any run of end-of-turn tokens and white space at its end.
    /// </summary>
    public static string Response(string query, string prompt)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(prompt);
        var response = prompt.Length > 0 && query.StartsWith(prompt, StringComparison.Ordinal) ? query[prompt.Length..] : query;
        var end = response.Length;
        var trimmed = true;
        while (trimmed)
        {
            trimmed = false;
            while (end > 0 && char.IsWhiteSpace(response[end - 1]))
            {
                end--;
            }
            foreach (var token in EndOfTurnTokens)
            {
                if (end >= token.Length && string.CompareOrdinal(response, end - token.Length, token, 0, token.Length) == 0)
                {
                    end -= token.Length;
                    trimmed = true;
                }
            }
        }
        return response[..end];
    }
}
