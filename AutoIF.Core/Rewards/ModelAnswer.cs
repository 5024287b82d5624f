namespace AutoIF.Core.Rewards;

/// <summary>A model's output split into its reasoning (null when it has none) and the answer that is verified.</summary>
public sealed record ModelAnswer(string? Reasoning, string Answer)
{
    private const string ThinkOpen = "<think>";
    private const string ThinkClose = "</think>";

    /// <summary>
    /// The rule for what the answer is, shared by the reward service and the pipeline's sampling: reasoning models
    /// (Qwen3, DeepSeek-R1 and their kin) put a reasoning block before the answer, closed by <c>&lt;/think&gt;</c>;
    /// chat templates often put the opening <c>&lt;think&gt;</c> into the prompt, so the output may start inside the
    /// block. Everything up to the first <c>&lt;/think&gt;</c> (the opening tag dropped) is the reasoning, the rest
    /// trimmed of surrounding white space is the answer. A text with no <c>&lt;/think&gt;</c> is all answer; an opened but
    /// never closed block (the model ran out of tokens while thinking) has an empty answer, which scores 0.
    /// </summary>
    public static ModelAnswer Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var close = text.IndexOf(ThinkClose, StringComparison.Ordinal);
        if (close < 0)
        {
            var trimmed = text.TrimStart();
            return trimmed.StartsWith(ThinkOpen, StringComparison.Ordinal)
                ? new ModelAnswer(trimmed[ThinkOpen.Length..].Trim(), "")
                : new ModelAnswer(null, text);
        }
        var reasoning = text[..close].TrimStart();
        if (reasoning.StartsWith(ThinkOpen, StringComparison.Ordinal))
        {
            reasoning = reasoning[ThinkOpen.Length..];
        }
        return new ModelAnswer(reasoning.Trim(), text[(close + ThinkClose.Length)..].Trim());
    }

    public bool IsEmpty => IsEmptyAnswer(Answer);

    /// <summary>Whether an answer (as <see cref="Split"/> leaves it, or as stored) is empty: it scores 0 and runs no verifier.</summary>
    public static bool IsEmptyAnswer(string answer) => string.IsNullOrWhiteSpace(answer);

    /// <summary>
    /// The answer with its reasoning in front, as a reasoning-style SFT target: <c>&lt;think&gt;\n{reasoning}\n&lt;/think&gt;\n\n{answer}</c>,
    /// the form Qwen3's chat template renders an assistant turn's reasoning in (and DeepSeek-R1 answers in), so
    /// <see cref="Split"/> reads it back to the same two parts. The answer alone when there is no reasoning.
    /// </summary>
    public string WithReasoning() =>
        Reasoning is null ? Answer : $"{ThinkOpen}\n{Reasoning.Trim('\n')}\n{ThinkClose}\n\n{Answer}";
}
