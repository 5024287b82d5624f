using AutoIF.Core.Sandbox;

namespace AutoIF.Tests.Sandbox;

/// <summary>
/// Pools of one worker, so "the next call" of a test surely runs on the worker the hostile code just used: one whose
/// timeouts no busy machine reaches, for code that finishes, and one with short timeouts, for code that never does.
/// </summary>
public sealed class SingleWorkerFixture : IAsyncLifetime
{
    /// <summary>
    /// For code that finishes, whose verdict must not turn into Timeout on a loaded machine: a memory bomb or a huge
    /// return value takes a fifth of a second on an idle machine and took over a second (the old limit) on a busy one.
    /// </summary>
    public VerifierSandbox Sandbox { get; } = Create(timeoutSeconds: 30, hardDeadlineSeconds: 32);

    /// <summary>For code that never finishes: it is Timeout however fast or busy the machine, so short limits only save time.</summary>
    public VerifierSandbox TimingOut { get; } = Create(timeoutSeconds: 1, hardDeadlineSeconds: 2);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        await TimingOut.DisposeAsync();
    }

    private static VerifierSandbox Create(double timeoutSeconds, double hardDeadlineSeconds) => new(new SandboxOptions
    {
        Workers = 1,
        TimeoutSeconds = timeoutSeconds,
        HardDeadlineSeconds = hardDeadlineSeconds,
        MemoryMb = 256,
    });
}
