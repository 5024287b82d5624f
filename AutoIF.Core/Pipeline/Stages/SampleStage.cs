using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>Responses:Samples responses per composed prompt from the model named by Responses:Role.</summary>
public sealed class SampleStage(IDbContextFactory<AutoIfDbContext> contextFactory, ResponseSampler sampler) : IRunStage
{
    public PipelineStage Stage => PipelineStage.Sample;

    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        RunSettings settings;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            settings = await db.RunSettingsAsync(runId, cancellationToken);
        }
        await sampler.SampleAsync(runId, Stage, round: 0, settings.Responses.Role, settings.Responses.Samples, settings.Responses.Temperature, cancellationToken);
    }
}
