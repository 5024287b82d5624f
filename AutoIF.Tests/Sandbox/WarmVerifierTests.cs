using AutoIF.Core.Domain;
using AutoIF.Core.Sandbox;

namespace AutoIF.Tests.Sandbox;

/// <summary>
/// Sandbox:WarmVerifiers: a verifier's process stays parked between batches while nothing in it changed, and a parked
/// process is out of reach of every other verifier. The verifiers here return their process id, which the sandbox reports
/// as a non-bool value, to show which process ran them; the pool has one worker, so every batch meets the same parked set.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class WarmVerifierTests(SingleWorkerFixture fixture)
{
    private const string ReportsPid = "import os\ndef evaluate(response):\n    return os.getpid()\n";
    private const string CountsWords = "def evaluate(response):\n    return len(response.split()) == 2\n";

    private readonly VerifierSandbox _sandbox = fixture.Sandbox;

    private static int PidOf(VerifierResult result)
    {
        Assert.Equal(VerdictKind.NotBool, result.Kind);
        return int.Parse(result.Detail!.Split("value: ")[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<int> PidAsync(string source) => PidOf(await _sandbox.EvaluateAsync(source, "any"));

    [Fact]
    public async Task A_verifier_scored_again_runs_in_its_parked_process()
    {
        var first = await PidAsync(ReportsPid);
        var other = await PidAsync(ReportsPid + "# another verifier\n");
        var again = await PidAsync(ReportsPid);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Without_warm_verifiers_every_batch_forks_afresh()
    {
        await using var cold = new VerifierSandbox(new SandboxOptions { Workers = 1, WarmVerifiers = 0, TimeoutSeconds = 30, HardDeadlineSeconds = 32 });

        var first = PidOf(await cold.EvaluateAsync(ReportsPid, "any"));
        var again = PidOf(await cold.EvaluateAsync(ReportsPid, "any"));

        Assert.NotEqual(first, again);
    }

    [Theory]
    [InlineData("signal handler", "import signal\nsignal.signal(signal.SIGUSR2, lambda *a: None)")]
    [InlineData("unblocked wake-up signal", "import signal\nsignal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])")]
    [InlineData("pending timer", "import signal\nsignal.setitimer(signal.ITIMER_REAL, 600)")]
    [InlineData("open file", "os.dup(0)")]
    [InlineData("working directory", "import os\nos.chdir('/')")]
    [InlineData("patched builtins", "import builtins\nbuiltins.extra = 1")]
    public async Task A_verifier_that_leaves_state_behind_is_not_parked(string what, string statement)
    {
        var source = $"import os\ndef evaluate(response):\n    {statement.Replace("\n", "\n    ", StringComparison.Ordinal)}\n    return os.getpid()\n# {what}\n";

        var first = await PidAsync(source);
        var again = await PidAsync(source);

        Assert.NotEqual(first, again);
    }

    [Theory]
    [InlineData("SIGKILL")]
    [InlineData("SIGCONT")]
    [InlineData("SIGUSR1")]
    [InlineData("SIGTERM")]
    public async Task A_signal_from_another_verifier_does_not_change_a_parked_verifiers_verdicts(string signalName)
    {
        var parked = await PidAsync(ReportsPid);
        var hostile = $"import os, signal\ndef evaluate(response):\n    os.kill({parked}, signal.{signalName})\n    os.kill({parked}, signal.SIGCONT)\n    return True\n";

        var results = await _sandbox.EvaluateAsync(new VerifierBatch([hostile, CountsWords], ["two words", "three words here"],
            [new VerifierCall(0, 0), new VerifierCall(1, 0), new VerifierCall(1, 1)]));
        var after = await _sandbox.EvaluateAsync(VerifierBatch.CrossProduct([CountsWords, ReportsPid], ["two words"]));

        Assert.Equal([VerdictKind.True, VerdictKind.True, VerdictKind.False], results.Select(r => r.Kind));
        Assert.Equal(VerdictKind.True, after[0].Kind);
        // The woken process was not trusted again: a fresh one runs the verifier.
        Assert.NotEqual(parked, PidOf(after[1]));
    }

    [Fact]
    public async Task No_verifier_can_open_a_parked_verifiers_memory()
    {
        var parked = await PidAsync(ReportsPid);
        var reader = $"def evaluate(response):\n    try:\n        open('/proc/{parked}/mem', 'r+b').close()\n        return 'opened'\n    except PermissionError:\n        return False\n";

        var result = await _sandbox.EvaluateAsync(reader, "any");

        Assert.Equal(VerdictKind.False, result.Kind);
        Assert.Equal(parked, await PidAsync(ReportsPid));
    }
}
