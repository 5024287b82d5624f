using System.Globalization;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Sandbox;

namespace AutoIF.Core.Verifiers;

/// <summary>
/// The self-test of cross-validation: each function runs on <see cref="SelfTestProbes"/> and on its instruction's kept cases
/// that expect False. One that returns True on all of them is <see cref="VerifierSelfTest.Vacuous"/> (it checks nothing);
/// with CrossValidation:DropVacuous a kept one is dropped for it. Writes the result and its evidence on the tracked functions.
/// </summary>
public sealed class VerifierSelfTester(IVerifierSandbox sandbox)
{
    public async Task ExecuteAsync(IReadOnlyList<(Verifier Function, IReadOnlyList<TestCase> FalseCases)> functions, bool dropVacuous, PipelineStage stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(functions);
        if (functions.Count == 0)
        {
            return;
        }
        var probes = SelfTestProbes.All;
        var inputs = probes.Select(p => p.Text).ToList();
        var sources = new List<string>();
        var calls = new List<VerifierCall>();
        foreach (var (function, falseCases) in functions)
        {
            sources.Add(function.Source);
            for (var p = 0; p < probes.Count; p++)
            {
                calls.Add(new VerifierCall(sources.Count - 1, p));
            }
            foreach (var testCase in falseCases)
            {
                inputs.Add(testCase.Input);
                calls.Add(new VerifierCall(sources.Count - 1, inputs.Count - 1));
            }
        }
        var results = await sandbox.EvaluateAsync(new VerifierBatch(sources, inputs, calls), cancellationToken: cancellationToken);
        var at = 0;
        foreach (var (function, falseCases) in functions)
        {
            var probeResults = results.Skip(at).Take(probes.Count).ToList();
            var caseResults = results.Skip(at + probes.Count).Take(falseCases.Count).ToList();
            at += probes.Count + falseCases.Count;
            var rejected = probes.Where((_, i) => probeResults[i].Kind != VerdictKind.True).Select(p => p.Name).ToList();
            var casesRejected = caseResults.Count(r => r.Kind != VerdictKind.True);
            var vacuous = rejected.Count == 0 && casesRejected == 0;
            function.SelfTest = vacuous ? VerifierSelfTest.Vacuous : VerifierSelfTest.Ok;
            function.SelfTestEvidence = vacuous
                ? $"accepted all {probes.Count} probe texts ({string.Join(", ", probes.Select(p => p.Name))}) and all {falseCases.Count} kept cases expecting False"
                : $"rejected {rejected.Count} of {probes.Count} probe texts{(rejected.Count > 0 ? " (" + string.Join(", ", rejected) + ")" : "")} and {casesRejected} of {falseCases.Count} kept cases expecting False";
            if (vacuous && dropVacuous && function.Status == ItemStatus.Kept)
            {
                function.Drop(stage, DropReasons.Vacuous.With(Number(probes.Count), Number(falseCases.Count)));
            }
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
