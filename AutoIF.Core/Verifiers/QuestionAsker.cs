using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Sandbox;

namespace AutoIF.Core.Verifiers;

/// <summary>
/// A question verifier's verdict on a text (decision 034): the supervision model's yes/no to the question about the
/// text, at temperature 0 and through the gateway, so the same question on the same text is answered once and served
/// from the cache after (a cloned run included). Yes is <see cref="VerdictKind.True"/>, no <see cref="VerdictKind.False"/>;
/// an answer that reads as neither (<see cref="YesNoParser"/>, the compatibility checks' reading) or a call refused for
/// good is <see cref="VerdictKind.Error"/> with the reason. A call that failed transiently is not a verdict: it throws,
/// so the stage fails and its resume asks again instead of storing a guess.
/// </summary>
public sealed class QuestionAsker(LlmStageClient llm, PromptTemplates templates)
{
    private const int DetailLength = 300;

    /// <summary>Every (question, text) pair asked at once, in order; <paramref name="runId"/> picks the run's supervision model and files the calls.</summary>
    public async Task<VerifierResult[]> AskAllAsync(int runId, PipelineStage? stage, IReadOnlyList<(string Question, string Text)> items, CancellationToken cancellationToken)
    {
        var answers = await LlmStageClient.FanOutAsync(items, item => llm.CompleteAsync(
            LlmRequest.For(templates.QuestionVerdict(item.Question, item.Text)) with { Temperature = 0, RunId = runId, Stage = stage }, YesNoParser.Parse, cancellationToken));
        var transient = answers.FirstOrDefault(a => a.Result.FailedTransiently);
        if (transient is not null)
        {
            throw new LlmCallsFailedException(stage ?? PipelineStage.Verify, answers.Count(a => a.Result.FailedTransiently), transient.Result.Error ?? "no answer");
        }
        return [.. answers.Select(Verdict)];
    }

    private static VerifierResult Verdict(LlmParsedResult<bool> answer) =>
        answer.Succeeded ? new VerifierResult(answer.Value ? VerdictKind.True : VerdictKind.False)
        : !answer.Result.Succeeded ? new VerifierResult(VerdictKind.Error, Cap("the model call failed: " + answer.Result.Error))
        : new VerifierResult(VerdictKind.Error, Cap("the answer reads as neither yes nor no: " + answer.Result.Text));

    private static string Cap(string text) => text.Length > DetailLength ? text[..DetailLength] + "…" : text;
}
