using AutoIF.Core.Domain;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Web.UseCases;

/// <summary>Three stages of a run, stored out of pipeline order, the last one unfinished.</summary>
internal static class StageRows
{
    public static async Task AddAsync(TestDatabase database, int runId)
    {
        await using var db = database.CreateContext();
        db.StageProgress.AddRange(
            new StageProgress { RunId = runId, Stage = PipelineStage.Compile, Done = 3, Total = 5, Message = "3 of 5 compiled" },
            new StageProgress { RunId = runId, Stage = PipelineStage.Seeds, Done = 4, Total = 4, Completed = true, Message = "4 seeds" },
            new StageProgress { RunId = runId, Stage = PipelineStage.Augment, Done = 10, Total = 10, Completed = true });
        await db.SaveChangesAsync();
    }
}
