using System.Globalization;

namespace AutoIF.Core.Pipeline.Estimates;

/// <summary>
/// What a run is expected to cost before it starts: model calls and tokens per stage, from its settings and the number of
/// seeds it starts from. Cached answers (a clone, a resume) make the real numbers lower.
/// </summary>
public sealed record RunEstimate(int Seeds, IReadOnlyList<StageEstimate> Stages, int? MaxModelCalls)
{
    public long Calls => Stages.Sum(s => s.Calls);

    public long PromptTokens => Stages.Sum(s => s.PromptTokens);

    public long CompletionTokens => Stages.Sum(s => s.CompletionTokens);

    /// <summary>True when the run is expected to reach its Run:MaxModelCalls and pause there.</summary>
    public bool ReachesBudget => MaxModelCalls is { } max && Calls > max;

    /// <summary>"about 1,234 model calls, 2.1M tokens (1.5M prompt, 0.6M completion)", and the budget when it is expected to stop the run.</summary>
    public string Summary()
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"about {Calls:N0} model calls, {Tokens(PromptTokens + CompletionTokens)} tokens ({Tokens(PromptTokens)} prompt, {Tokens(CompletionTokens)} completion) from {Seeds:N0} seeds");
        return ReachesBudget ? text + string.Create(CultureInfo.InvariantCulture, $"; it pauses at Run:MaxModelCalls = {MaxModelCalls:N0}") : text;
    }

    private static string Tokens(long n) => n switch
    {
        >= 1_000_000 => (n / 1_000_000.0).ToString("0.0", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (n / 1_000.0).ToString("0.0", CultureInfo.InvariantCulture) + "k",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
