namespace AutoIF.Core.Sandbox;

/// <summary>Runs LLM-written Python verifiers (<c>def evaluate(response) -> bool</c>) in sandboxed worker processes.</summary>
public interface IVerifierSandbox
{
    /// <summary>The last start-up or on-demand check; null until one finished.</summary>
    SandboxHealth? LastHealth { get; }

    /// <summary>
    /// Runs every call of <paramref name="batch"/> on all workers in parallel. Results are aligned to the requested
    /// calls (see <see cref="VerifierBatch"/>). <paramref name="progress"/> receives the number of calls finished so far.
    /// </summary>
    /// <exception cref="SandboxUnavailableException">No working sandbox and unsandboxed runs are not allowed.</exception>
    Task<IReadOnlyList<VerifierResult>> EvaluateAsync(VerifierBatch batch, IProgress<int>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>One source on one text (the playground).</summary>
    Task<VerifierResult> EvaluateAsync(string source, string response, CancellationToken cancellationToken = default);

    /// <summary>Compiles a source and checks that it defines a callable <c>evaluate</c> (its module code runs in the sandbox).</summary>
    Task<CompileResult> CompileAsync(string source, CancellationToken cancellationToken = default);

    /// <summary>Compile check of many sources at once, aligned to <paramref name="sources"/>.</summary>
    Task<IReadOnlyList<CompileResult>> CompileAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default);

    /// <summary>Starts the workers in the background, ahead of the first batch; a no-op when verifiers are refused.</summary>
    void WarmUp();

    /// <summary>Checks the interpreter and the sandbox by starting a worker and running a probe verifier.</summary>
    Task<SandboxHealth> CheckHealthAsync(CancellationToken cancellationToken = default);
}
