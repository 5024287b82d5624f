namespace AutoIF.Core.Pipeline.Stages;

/// <summary>Verifies every sampled or imported response of every round that has not been verified yet.</summary>
public sealed class VerifyStage(ResponseVerifier verifier) : IRunStage
{
    public PipelineStage Stage => PipelineStage.Verify;

    public Task ExecuteAsync(int runId, CancellationToken cancellationToken) =>
        verifier.VerifyAsync(runId, Stage, round: null, cancellationToken);
}
