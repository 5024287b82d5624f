namespace AutoIF.Core.Pipeline.Estimates;

/// <summary>
/// What an estimate has to guess, because only running shows it: how many new instructions self-instruct adds, the
/// share of instructions that survive the filters, the share of responses that pass verification, and the tokens each
/// kind of call takes (decisions 035 and 040). Rough on purpose: the estimate says how settings multiply the cost, not
/// what a model will answer. The offline demo model's are worked out from what it knows (<see cref="DemoEstimateAssumptions"/>).
/// </summary>
public sealed record EstimateAssumptions
{
    /// <summary>The most new instructions all augment rounds add together; null: every round adds what it asks for.</summary>
    public int? NewInstructionsAtMost { get; init; }

    /// <summary>Instructions with verifiers left after cross-validation.</summary>
    public double KeptAfterCrossValidation { get; init; } = 0.5;

    /// <summary>Of those, instructions left after back-translation and the consistency check.</summary>
    public double KeptAfterConsistency { get; init; } = 0.8;

    /// <summary>
    /// Different back-translations per instruction, each one NLI check; null: one per back-translated function. Identical
    /// checks are one call (the cache), so a model that restates every function alike needs fewer.
    /// </summary>
    public double? DistinctBackTranslations { get; init; }

    /// <summary>Share of sampled responses that are not the same text as an earlier one to the prompt (with Responses:CountDuplicatesOnce only those are judged).</summary>
    public double DistinctResponses { get; init; } = 1.0;

    /// <summary>Responses (of those counted once) that pass verification and go to the judge.</summary>
    public double ResponsesPassingVerify { get; init; } = 0.5;

    /// <summary>Questions the model writes per instruction (one to three) under Verifiers:Kinds=code,question.</summary>
    public double QuestionsPerInstruction { get; init; } = 2;

    /// <summary>Test cases each question is cross-validated on: the instruction's cases from its verifier answers and the question answer's examples.</summary>
    public double CasesPerInstruction { get; init; } = 12;

    /// <summary>Questions per instruction kept by cross-validation; each asked of every response carrying the instruction.</summary>
    public double KeptQuestionsPerInstruction { get; init; } = 1;

    /// <summary>With Verifiers:QuestionFallback: of the instructions cross-validation drops, the share its questions keep as soft constraints.</summary>
    public double SoftShareOfDropped { get; init; } = 0.2;

    /// <summary>Tokens of one call of each kind, prompt and completion.</summary>
    public (int Prompt, int Completion) Augment { get; init; } = (600, 400);

    public (int Prompt, int Completion) Verifier { get; init; } = (500, 700);

    public (int Prompt, int Completion) Questions { get; init; } = (450, 350);

    /// <summary>A question verifier's yes/no on a test case or response: the question and the text, a short answer.</summary>
    public (int Prompt, int Completion) QuestionVerdict { get; init; } = (350, 40);

    public (int Prompt, int Completion) BackTranslation { get; init; } = (400, 80);

    public (int Prompt, int Completion) Nli { get; init; } = (200, 10);

    public (int Prompt, int Completion) Compatibility { get; init; } = (150, 30);

    /// <summary>A composed prompt: the query plus <see cref="TokensPerConstraint"/> for each instruction it carries.</summary>
    public (int Prompt, int Completion) Response { get; init; } = (100, 400);

    public int TokensPerConstraint { get; init; } = 20;

    public (int Prompt, int Completion) Judge { get; init; } = (700, 120);
}
