namespace AutoIF.Core.Pipeline;

/// <summary>
/// One pipeline stage. A stage is idempotent: it skips work already stored, so running it again after a crash
/// adds nothing twice. It reports progress through <see cref="StageProgressReporter"/>.
/// </summary>
public interface IRunStage
{
    PipelineStage Stage { get; }

    Task ExecuteAsync(int runId, CancellationToken cancellationToken);
}
