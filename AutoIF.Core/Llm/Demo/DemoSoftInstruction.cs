namespace AutoIF.Core.Llm.Demo;

/// <summary>
/// An instruction the demo model can write no function for (its verifier prompt is refused) but can ask about: a
/// yes/no question and example responses labelled follows / does not follow. Only asked for under
/// <c>Verifiers:Kinds=code,question</c>, so a code-only demo run is unchanged (decision 040).
/// </summary>
public sealed record DemoSoftInstruction(string Instruction, string Question, IReadOnlyList<DemoCase> Cases);
