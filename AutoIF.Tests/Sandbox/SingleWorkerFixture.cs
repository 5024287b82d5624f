using AutoIF.Core.Sandbox;

namespace AutoIF.Tests.Sandbox;

/// <summary>A pool of one worker, so "the next call" of a test surely runs on the worker the hostile code just used.</summary>
public sealed class SingleWorkerFixture : IAsyncLifetime
{
    public VerifierSandbox Sandbox { get; } = new(new SandboxOptions
    {
        Workers = 1,
        TimeoutSeconds = 1,
        HardDeadlineSeconds = 2,
        MemoryMb = 256,
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
