using System.Text.Json;

namespace AutoIF.Core.Domain.State;

/// <summary>
/// Every drop reason there is: where a reason's text comes from. A stage records a code with its arguments
/// (<see cref="DropReasonCode.With"/>); the text is rendered from the template here, and nowhere else. The funnel groups by
/// code. <see cref="Legacy"/> holds prose stored before reasons had codes that matches no template, rendered back as written.
/// Codes are stored: never rename one; a changed wording gets a new template under the same code only if old texts may
/// read as the new wording.
/// </summary>
public static class DropReasons
{
    // Augment
    public static readonly DropReasonCode NearDuplicate = new("augment.near-duplicate", "near duplicate of instruction #{instruction} (word similarity {similarity})");

    // Verifiers
    public static readonly DropReasonCode NoUsableVerifier = new("verifiers.no-usable-answer", "no usable verifier in {samples} answers ({errors})");

    // Compile, one code per compile status
    public static readonly DropReasonCode SyntaxError = new("compile.syntax-error", "syntax error: {error}");
    public static readonly DropReasonCode MissingEvaluate = new("compile.no-evaluate", "no evaluate function: {error}");
    public static readonly DropReasonCode NotCallable = new("compile.not-callable", "evaluate is not callable: {error}");
    public static readonly DropReasonCode DoesNotCompile = new("compile.failed", "does not compile: {error}");

    // Cross-validation: instructions
    public static readonly DropReasonCode TooFewFunctions = new("cross-validate.too-few-functions", "only {functions} compiled distinct functions (needs {needs})");
    public static readonly DropReasonCode TooFewCases = new("cross-validate.too-few-cases", "only {cases} distinct test cases (needs {needs})");
    public static readonly DropReasonCode NoAgreedCase = new("cross-validate.no-agreed-case", "no test case has {rule} of the functions agreeing with it");
    public static readonly DropReasonCode NoAccurateFunction = new("cross-validate.no-accurate-function", "no function is right on {rule} of the kept cases");

    // Cross-validation: functions
    public static readonly DropReasonCode FunctionInaccurate = new("cross-validate.function-inaccurate", "right on {correct} of {cases} kept cases ({accuracy}, needs {rule})");
    public static readonly DropReasonCode NoKeptCase = new("cross-validate.no-kept-case", "no test case was kept for this instruction");
    public static readonly DropReasonCode Vacuous = new("cross-validate.vacuous", "vacuous: accepts all {probes} probe texts and all {cases} kept cases expecting False");

    // Cross-validation: question verifiers (decision 034)
    public static readonly DropReasonCode QuestionInaccurate = new("cross-validate.question-inaccurate", "the model's answers match {correct} of {cases} test cases ({accuracy}, needs {rule})");
    public static readonly DropReasonCode QuestionCaseDisagreed = new("cross-validate.question-case-disagreed", "only {agree} of {questions} kept questions are answered {expected} (needs {rule})");

    // Verifier versions (decision 026): an edited version stops taking part; its verdicts stay
    public static readonly DropReasonCode Superseded = new("verifier.superseded", "replaced by version {version}");

    // Cross-validation: test cases
    public static readonly DropReasonCode CaseDisagreed = new("cross-validate.case-disagreed", "only {agree} of {functions} functions return {expected} (needs {rule})");
    public static readonly DropReasonCode CaseOfDroppedInstruction = new("cross-validate.instruction-too-few-functions", "instruction has too few functions");
    public static readonly DropReasonCode CaseOfFailedFunction = new("cross-validate.case-function-does-not-run", "written with a function that does not run");
    public static readonly DropReasonCode DuplicateCase = new("cross-validate.duplicate-case", "the same input and expected output as case {case}");

    // Back-translation and consistency (decision 012)
    public static readonly DropReasonCode NoReadableBackTranslation = new("back-translate.unreadable", "no back-translation could be read from the model's answers");
    public static readonly DropReasonCode NoBackTranslation = new("consistency.no-back-translation", "no back-translation to check it against");
    public static readonly DropReasonCode Contradiction = new("consistency.contradiction", "a back-translation contradicts it: \"{backTranslation}\"");
    public static readonly DropReasonCode UnreadableLabel = new("consistency.unreadable-label", "the consistency check gave no readable label for \"{backTranslation}\"");

    // Queries (the wording follows the bound's rule)
    public static readonly DropReasonCode ShorterThan = new("queries.shorter-than", "shorter than {length} characters");
    public static readonly DropReasonCode AtMostLength = new("queries.at-most-length", "{length} characters or shorter");
    public static readonly DropReasonCode LongerThan = new("queries.longer-than", "longer than {length} characters");
    public static readonly DropReasonCode AtLeastLength = new("queries.at-least-length", "{length} characters or longer");

    // Verify
    public static readonly DropReasonCode DuplicateResponse = new("verify.duplicate-response", "the same text as response {response} to this prompt (counted once)");
    public static readonly DropReasonCode NoKeptVerifier = new("verify.no-kept-verifier", "the instruction has no kept verifier");
    /// <summary>Nothing after the reasoning block (or a block never closed): accuracy 0 without a verifier run, as the reward service scores it.</summary>
    public static readonly DropReasonCode EmptyAnswer = new("verify.empty-answer", "the answer is empty: nothing follows the reasoning");
    public static readonly DropReasonCode AccuracyWithUncounted = new("verify.accuracy-with-uncounted", "accuracy {accuracy} ({passed} of {counted} verifiers pass; {uncounted} verifier(s) errored or timed out and were not counted), needs {rule}");
    public static readonly DropReasonCode Accuracy = new("verify.accuracy", "accuracy {accuracy} ({passed} of {counted} verifiers pass), needs {rule}");

    // Verify, a prompt with several constraints (decision 024)
    public static readonly DropReasonCode ConstraintFailed = new("verify.constraint-failed", "{failed} of {constraints} constraints fail; instruction #{instruction}: accuracy {accuracy}, needs {rule}");
    public static readonly DropReasonCode ConstraintWithoutVerifier = new("verify.constraint-without-verifier", "{failed} of {constraints} constraints fail; instruction #{instruction} has no kept verifier");

    // Judge
    public static readonly DropReasonCode JudgeScore = new("judge.score", "judge score {score} (needs {rule})");
    public static readonly DropReasonCode NoJudgeScore = new("judge.no-score", "the judge gave no usable score: {error}");

    // A human decision (the funnel's group for items the filter kept and a reviewer rejected)
    public static readonly DropReasonCode RejectedByReviewer = new("review.rejected", "rejected by a reviewer");

    /// <summary>Prose stored before reasons had codes that no template reads: kept as its text.</summary>
    public static readonly DropReasonCode Legacy = new("legacy", "{text}");

    /// <summary>Every code, in the order a stored text is tried against them (more specific templates first; <see cref="Legacy"/> last).</summary>
    public static IReadOnlyList<DropReasonCode> All { get; } =
    [
        NearDuplicate, NoUsableVerifier, TooFewFunctions, TooFewCases, NoAgreedCase, NoAccurateFunction, FunctionInaccurate, NoKeptCase, Vacuous, QuestionInaccurate, QuestionCaseDisagreed, Superseded,
        CaseDisagreed, CaseOfDroppedInstruction, CaseOfFailedFunction, DuplicateCase, NoReadableBackTranslation, NoBackTranslation,
        Contradiction, UnreadableLabel, ShorterThan, AtMostLength, LongerThan, AtLeastLength, DuplicateResponse, NoKeptVerifier, EmptyAnswer,
        AccuracyWithUncounted, Accuracy, ConstraintFailed, ConstraintWithoutVerifier, JudgeScore, NoJudgeScore, RejectedByReviewer, SyntaxError, MissingEvaluate, NotCallable, DoesNotCompile, Legacy,
    ];

    private static readonly Dictionary<string, DropReasonCode> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static DropReasonCode? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var found) ? found : null;

    /// <summary>
    /// A stored reason read back: its code and arguments, or, for a row with text but no code (a database from before codes
    /// that the upgrade has not reached, or an unknown code), the text as <see cref="Legacy"/>. Null when nothing was recorded.
    /// </summary>
    public static CodedDropReason? Read(string? code, string? argumentsJson, string? text)
    {
        if (Find(code) is { } kind)
        {
            var arguments = argumentsJson is null ? [] : JsonSerializer.Deserialize<string[]>(argumentsJson) ?? [];
            if (arguments.Length == kind.ArgumentNames.Count)
            {
                return new CodedDropReason(kind, arguments);
            }
        }
        return text is null ? null : Legacy.With(text);
    }

    /// <summary>The code a stored text was rendered from, with its arguments; <see cref="Legacy"/> when no template renders it.</summary>
    public static CodedDropReason Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var kind in All)
        {
            if (kind != Legacy && kind.Parse(text) is { } arguments)
            {
                return new CodedDropReason(kind, arguments);
            }
        }
        return Legacy.With(text);
    }
}
