using AutoIF.Core.Domain;
using AutoIF.Core.Verifiers;
using AutoIF.Tests.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Verifiers;

/// <summary>
/// A small cross-validated and verified run for the version tests: "Answer in fewer than 5 words" with three functions
/// (two exact, one lenient), three cases and 24 responses of 1 to 24 words over four prompts, pairs built (no judge).
/// </summary>
internal sealed record VersionedRun(int RunId, int InstructionId, int Exact, int ExactToo, int Lenient)
{
    public const string ExactSource = "def evaluate(response):\n    return len(response.split()) < 5\n";
    public const string ExactTooSource = "def evaluate(response: str) -> bool:\n    words = response.split()\n    return len(words) <= 4\n";
    public const string LenientSource = "def evaluate(response):\n    return len(response.split()) < 10\n";
    public const string AcceptsAll = "def evaluate(response):\n    return True\n";

    public static async Task<VersionedRun> CreateAsync(PipelineHarness harness, bool dropVacuous)
    {
        var run = await harness.CreateRunAsync(
            ("CrossValidation:FunctionAccuracy", "0.4"), ("CrossValidation:DropVacuous", dropVacuous ? "true" : "false"), ("Dpo:RequireJudge", "false"));
        var instruction = await harness.AddInstructionAsync(run, "Answer in fewer than 5 words.");
        var exact = await harness.AddVerifierAsync(run, instruction, ExactSource);
        var exactToo = await harness.AddVerifierAsync(run, instruction, ExactTooSource);
        var lenient = await harness.AddVerifierAsync(run, instruction, LenientSource);
        await harness.AddCaseAsync(run, instruction, "one two", true);
        await harness.AddCaseAsync(run, instruction, "one two three four five six", false);
        await harness.AddCaseAsync(run, instruction, "a b c d e f g h i j k l", false);
        for (var p = 0; p < 4; p++)
        {
            var prompt = await harness.AddPromptAsync(run, instruction, $"Question {p}? Answer in fewer than 5 words.");
            for (var s = 0; s < 6; s++)
            {
                var words = p * 6 + s + 1;
                await harness.AddResponseAsync(run, prompt, string.Join(' ', Enumerable.Range(1, words).Select(i => $"word{i}")), s);
            }
        }
        await harness.RunStageAsync(PipelineStage.CrossValidate, run);
        await harness.RunStageAsync(PipelineStage.Verify, run);
        await harness.RunStageAsync(PipelineStage.Pairs, run);
        return new VersionedRun(run, instruction, exact, exactToo, lenient);
    }

    /// <summary>Re-verifies the run as the CLI and the job do: a stored record, then the re-verifier.</summary>
    public async Task<ReverificationDiff> ReverifyAsync(PipelineHarness harness, int? instructionId = null)
    {
        var id = await harness.Get<ReverificationStore>().CreateAsync(RunId, instructionId);
        return await harness.Get<Reverifier>().ExecuteAsync(id, CancellationToken.None);
    }

    /// <summary>What a user sees of the run's outcome: responses' accuracy and state, verifiers in use, pairs and the funnel.</summary>
    public async Task<string> OutcomeAsync(PipelineHarness harness)
    {
        await using var db = harness.CreateContext();
        var responses = await db.Responses.Where(r => r.RunId == RunId).OrderBy(r => r.Id).Select(r => $"{r.Id}:{r.Accuracy}:{r.Status}:{r.DropReason}").ToListAsync();
        var kept = await db.Verifiers.Where(v => v.RunId == RunId && v.Status == ItemStatus.Kept).OrderBy(v => v.SampleIndex).ThenBy(v => v.Source).Select(v => $"{v.Source}:{v.CaseAccuracy}").ToListAsync();
        var pairs = await db.DpoPairs.Where(p => p.RunId == RunId).OrderBy(p => p.Id).Select(p => $"{p.Level}:{p.ChosenResponseId}>{p.RejectedResponseId}:{p.ChosenCaseId}>{p.RejectedCaseId}").ToListAsync();
        var cases = await db.TestCases.Where(c => c.RunId == RunId).OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.Status}:{c.Agreement}").ToListAsync();
        var funnel = (await harness.Get<Core.Reports.RunFunnelQuery>().ExecuteAsync(RunId)).Select(s => $"{s.Name}={s.Count}:{string.Join('|', s.Dropped.Select(d => $"{d.Reason}={d.Count}"))}");
        return string.Join('\n', responses.Concat(kept).Concat(pairs).Concat(cases).Concat(funnel));
    }
}
