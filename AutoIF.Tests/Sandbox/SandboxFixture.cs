using AutoIF.Core.Sandbox;

namespace AutoIF.Tests.Sandbox;

/// <summary>One real pool (real python, real bwrap) shared by the sandbox tests; short timeouts keep them fast.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public VerifierSandbox Sandbox { get; } = new(new SandboxOptions
    {
        Workers = 2,
        TimeoutSeconds = 1,
        HardDeadlineSeconds = 2,
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
