using AutoIF.Core.Domain;
using AutoIF.Core.Sandbox;

namespace AutoIF.Tests.Web.Components.Pages;

/// <summary>A sandbox that refuses every call, as one without bubblewrap does when unsandboxed runs are not allowed.</summary>
public sealed class UnavailableSandbox : IVerifierSandbox
{
    public const string Reason = "bubblewrap is not installed";

    public SandboxHealth? LastHealth { get; } = new("/usr/bin/python3", null, false, false, false, null, Reason);

    public Task<IReadOnlyList<VerifierResult>> EvaluateAsync(VerifierBatch batch, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        throw new SandboxUnavailableException(Reason);

    public Task<VerifierResult> EvaluateAsync(string source, string response, CancellationToken cancellationToken = default) =>
        throw new SandboxUnavailableException(Reason);

    public Task<CompileResult> CompileAsync(string source, CancellationToken cancellationToken = default) =>
        Task.FromResult(new CompileResult(CompileStatus.Failed, Reason));

    public Task<IReadOnlyList<CompileResult>> CompileAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default) =>
        throw new SandboxUnavailableException(Reason);

    public Task<SandboxHealth> CheckHealthAsync(CancellationToken cancellationToken = default) => Task.FromResult(LastHealth!);
}
