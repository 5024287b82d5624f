namespace AutoIF.Core.Pipeline.Stages;

/// <summary>Builds the main round's query-level and instruction-level DPO pairs.</summary>
public sealed class PairsStage(DpoPairBuilder builder, StageProgressReporter progress) : IRunStage
{
    public PipelineStage Stage => PipelineStage.Pairs;

    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        await progress.StartAsync(runId, Stage, 1, cancellationToken);
        var (queryPairs, instructionPairs) = await builder.BuildAsync(runId, round: 0, cancellationToken);
        await progress.CompleteAsync(runId, Stage, queryPairs + instructionPairs, cancellationToken, $"{queryPairs} query-level and {instructionPairs} instruction-level pairs");
    }
}
