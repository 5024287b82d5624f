namespace AutoIF.Bench;

/// <summary>
/// One sampled answer to score: its label, the templated prompt OpenRLHF would send in <c>prompts</c>, the response, and
/// its constraints' verifiers (indexes into the run's sources, one array per constraint) for the baseline to call.
/// </summary>
internal sealed record RewardBenchRollout(string Label, string Prompt, string Response, IReadOnlyList<int[]> Constraints);
