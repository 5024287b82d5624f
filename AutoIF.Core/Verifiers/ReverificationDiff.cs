namespace AutoIF.Core.Verifiers;

/// <summary>
/// What one re-verification changed: verdict flips per verifier (with examples), the responses and instructions whose kept
/// state changed, SFT rows and DPO pairs added and removed, and the funnel before and after. Stored as JSON.
/// </summary>
public sealed record ReverificationDiff(
    IReadOnlyList<VerifierFlips> Verifiers,
    IReadOnlyList<KeptChange> Responses,
    int ResponsesChanged,
    IReadOnlyList<KeptChange> Instructions,
    IReadOnlyList<int> NeedLaterStages,
    int SftAdded,
    int SftRemoved,
    int PairsAdded,
    int PairsRemoved,
    IReadOnlyList<FunnelCount> FunnelBefore,
    IReadOnlyList<FunnelCount> FunnelAfter)
{
    /// <summary>The summary the CLI and <c>run status</c> print, one line each.</summary>
    public IEnumerable<string> SummaryLines()
    {
        var flipped = Verifiers.Where(v => v.TrueToFalse + v.FalseToTrue > 0).ToList();
        yield return $"verdict flips: {flipped.Sum(v => v.TrueToFalse)} true→false, {flipped.Sum(v => v.FalseToTrue)} false→true in {flipped.Count} verifier(s)";
        foreach (var verifier in flipped)
        {
            yield return $"  verifier #{verifier.VerifierId} v{verifier.Version} (instruction {verifier.InstructionId}{(verifier.FromVersion is { } from && from != verifier.Version ? $", was v{from}" : "")}): {verifier.TrueToFalse} true→false, {verifier.FalseToTrue} false→true";
            foreach (var example in verifier.Examples.Take(3))
            {
                yield return $"    response {example.ResponseId}: {example.OldVerdict} → {example.NewVerdict}  \"{Shorten(example.Response)}\"";
            }
        }
        yield return $"responses whose kept state changed: {ResponsesChanged}";
        foreach (var change in Responses.Take(10))
        {
            yield return $"  response {change.Id}: {change.Before} → {change.After}{(change.Reason is null ? "" : " (" + change.Reason + ")")}";
        }
        if (Instructions.Count > 0)
        {
            yield return $"instructions whose cross-validation changed: {Instructions.Count}";
            foreach (var change in Instructions.Take(10))
            {
                yield return $"  instruction {change.Id}: {change.Before} → {change.After}{(change.Reason is null ? "" : " (" + change.Reason + ")")}";
            }
        }
        if (NeedLaterStages.Count > 0)
        {
            yield return $"{NeedLaterStages.Count} instruction(s) passed cross-validation anew and need the later stages: resume the run";
        }
        yield return $"SFT rows: +{SftAdded} −{SftRemoved}; DPO pairs: +{PairsAdded} −{PairsRemoved}";
        yield return "funnel before → after:";
        foreach (var step in FunnelAfter)
        {
            var before = FunnelBefore.FirstOrDefault(b => b.Name == step.Name)?.Count ?? 0;
            yield return $"  {step.Name,-16} {before,9} → {step.Count,-9} {step.Unit}";
        }
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 60 ? line : line[..57] + "…";
    }
}
