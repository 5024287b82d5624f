using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Import;

/// <summary>
/// Marks the stages an imported file stands in for as completed, so the orchestrator (which skips completed stages)
/// starts at the first stage the file did not cover. Done = Total = the run's rows of the stage's kind after the
/// import, so importing a second file, or the same one again, leaves a count that matches the data.
/// </summary>
internal static class StageMarker
{
    public static async Task MarkCompletedAsync(
        AutoIfDbContext db, int runId, IReadOnlyList<PipelineStage> stages, string fileName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var message = $"imported from {fileName}";
        foreach (var stage in stages)
        {
            var count = await CountAsync(db, runId, stage, cancellationToken);
            var updated = await db.StageProgress.Where(p => p.RunId == runId && p.Stage == stage)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.Completed, true)
                    .SetProperty(p => p.Status, ItemStatus.Kept)
                    .SetProperty(p => p.Done, count)
                    .SetProperty(p => p.Total, count)
                    .SetProperty(p => p.Message, message)
                    .SetProperty(p => p.FinishedAt, now), cancellationToken);
            if (updated == 0)
            {
                db.StageProgress.Add(new StageProgress
                {
                    RunId = runId, Stage = stage, Status = ItemStatus.Kept, Completed = true, Done = count, Total = count,
                    Message = message, StartedAt = now, FinishedAt = now,
                });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>What a stage produces: instructions up to Augment, verifiers up to Cross-validate, and so on.</summary>
    private static Task<int> CountAsync(AutoIfDbContext db, int runId, PipelineStage stage, CancellationToken cancellationToken) => stage switch
    {
        PipelineStage.Seeds or PipelineStage.Augment => db.Instructions.CountAsync(i => i.RunId == runId, cancellationToken),
        PipelineStage.Verifiers or PipelineStage.Compile or PipelineStage.CrossValidate => db.Verifiers.CountAsync(v => v.RunId == runId, cancellationToken),
        PipelineStage.BackTranslate or PipelineStage.Consistency => db.BackTranslations.CountAsync(b => b.RunId == runId, cancellationToken),
        // Imported prompts carry their query inside the prompt text, so the prompt count stands for the queries used.
        PipelineStage.Queries or PipelineStage.Compose => db.ComposedPrompts.CountAsync(p => p.RunId == runId, cancellationToken),
        PipelineStage.Sample => db.Responses.CountAsync(r => r.RunId == runId, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "An import never stands in for this stage."),
    };
}
