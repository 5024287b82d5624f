namespace AutoIF.Core.Pipeline.Estimates;

/// <summary>
/// What an estimate has to guess, because only running shows it: the share of instructions that survive the filters,
/// the share of responses that pass verification, and the tokens each kind of call takes (decision 035). Rough on
/// purpose: the estimate says how settings multiply the cost, not what a model will answer.
/// </summary>
public sealed record EstimateAssumptions
{
    /// <summary>Instructions with verifiers left after cross-validation.</summary>
    public double KeptAfterCrossValidation { get; init; } = 0.5;

    /// <summary>Of those, instructions left after back-translation and the consistency check.</summary>
    public double KeptAfterConsistency { get; init; } = 0.8;

    /// <summary>Responses that pass verification and go to the judge.</summary>
    public double ResponsesPassingVerify { get; init; } = 0.5;

    /// <summary>Tokens of one call of each kind, prompt and completion.</summary>
    public (int Prompt, int Completion) Augment { get; init; } = (600, 400);

    public (int Prompt, int Completion) Verifier { get; init; } = (500, 700);

    public (int Prompt, int Completion) BackTranslation { get; init; } = (400, 80);

    public (int Prompt, int Completion) Nli { get; init; } = (200, 10);

    public (int Prompt, int Completion) Compatibility { get; init; } = (150, 30);

    /// <summary>A composed prompt: the query plus <see cref="TokensPerConstraint"/> for each instruction it carries.</summary>
    public (int Prompt, int Completion) Response { get; init; } = (100, 400);

    public int TokensPerConstraint { get; init; } = 20;

    public (int Prompt, int Completion) Judge { get; init; } = (700, 120);
}
