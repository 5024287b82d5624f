using AutoIF.Core.Domain;
using AutoIF.Core.Sandbox;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Sandbox;

public sealed class SandboxAvailabilityTests
{
    [Fact]
    public async Task Without_bubblewrap_verifiers_are_refused_with_a_clear_message()
    {
        await using var sandbox = new VerifierSandbox(new SandboxOptions { Workers = 1, BubblewrapPath = "/nonexistent/bwrap" });

        var refused = await Assert.ThrowsAsync<SandboxUnavailableException>(() => sandbox.EvaluateAsync("def evaluate(r):\n    return True\n", "x"));
        var health = await sandbox.CheckHealthAsync();

        Assert.Contains("bubblewrap", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Sandbox:AllowUnsandboxed", refused.Message, StringComparison.Ordinal);
        Assert.False(health.CanRunVerifiers);
        Assert.False(health.Sandboxed);
        Assert.Equal(refused.Message, health.Message);
        await Assert.ThrowsAsync<SandboxUnavailableException>(() => sandbox.CompileAsync("def evaluate(r):\n    return True\n"));
    }

    [Fact]
    public async Task Warming_up_starts_every_worker_before_the_first_batch_and_the_batch_then_runs_on_them()
    {
        await using var sandbox = new VerifierSandbox(new SandboxOptions { Workers = 2 });

        sandbox.WarmUp();

        var started = await Poll.UntilAsync(() => Task.FromResult(sandbox.WorkerProcessIds), ids => ids.Count == 2, TimeSpan.FromSeconds(30));
        var results = await sandbox.EvaluateAsync(VerifierBatch.CrossProduct(["def evaluate(r):\n    return r.startswith('a')\n"], ["a", "b", "ab"]));
        Assert.Equal([VerdictKind.True, VerdictKind.False, VerdictKind.True], results.Select(r => r.Kind));
        Assert.Equal(started.Order(), sandbox.WorkerProcessIds.Order());
    }

    [Fact]
    public async Task Warming_up_a_refused_sandbox_starts_nothing()
    {
        await using var sandbox = new VerifierSandbox(new SandboxOptions { Workers = 1, BubblewrapPath = "/nonexistent/bwrap" });

        // WarmUp decides on the calling thread; a refused sandbox has no worker to start, so there is nothing to wait for.
        sandbox.WarmUp();

        Assert.Empty(sandbox.WorkerProcessIds);
        await Assert.ThrowsAsync<SandboxUnavailableException>(() => sandbox.EvaluateAsync("def evaluate(r):\n    return True\n", "x"));
    }

    [Fact]
    public async Task Allowing_unsandboxed_runs_verifiers_with_a_warning()
    {
        await using var sandbox = new VerifierSandbox(new SandboxOptions { Workers = 1, BubblewrapPath = "/nonexistent/bwrap", AllowUnsandboxed = true });

        var result = await sandbox.EvaluateAsync("import os\ndef evaluate(r):\n    return os.getuid() != 0\n", "x");
        var health = await sandbox.CheckHealthAsync();

        Assert.Equal(VerdictKind.True, result.Kind);
        Assert.True(health.CanRunVerifiers);
        Assert.False(health.Sandboxed);
        Assert.True(health.ShowUnsandboxedWarning);
        Assert.Contains("WITHOUT a sandbox", health.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_interpreter_is_reported()
    {
        await using var sandbox = new VerifierSandbox(new SandboxOptions { Workers = 1, PythonPath = "/nonexistent/python3" });

        var health = await sandbox.CheckHealthAsync();

        Assert.False(health.CanRunVerifiers);
        Assert.Contains("/nonexistent/python3", health.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => new VerifierSandbox(new SandboxOptions { Workers = 0 }));
    }
}
