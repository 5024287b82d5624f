namespace AutoIF.Core.Llm.Demo;

/// <summary>
/// One instruction the demo model knows: verifier variants (one per sample index), back-translations and responses
/// (some pass, some fail). <see cref="Flaw"/> names what is deliberately wrong so the filters have something to drop.
/// </summary>
public sealed record DemoInstruction(
    string Instruction,
    string? Flaw,
    bool Seed,
    IReadOnlyList<DemoVerifier> Verifiers,
    IReadOnlyList<DemoBackTranslation> BackTranslations,
    IReadOnlyList<string> Responses);
