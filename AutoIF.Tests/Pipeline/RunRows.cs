using System.Text;
using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

/// <summary>A demo run and a clone of it, and the rows of one run in every table that holds run data.</summary>
internal static class RunRows
{
    public static Dictionary<string, string?> DemoSettings => new()
    {
        ["Sandbox:Workers"] = "2",
        ["Sandbox:TimeoutSeconds"] = "1",
        ["Sandbox:HardDeadlineSeconds"] = "2",
    };

    /// <summary>Runs "source" to completion with the offline demo model, then its clone "copy" (answered from the call cache).</summary>
    public static async Task<(int Source, int Clone)> DemoRunAndCloneAsync(TestDatabase database)
    {
        var runs = database.Get<RunService>();
        var settings = RunSettingsEditor.Apply(new RunSettings(),
        [
            new("Seeds:Max", "4"), new("Augment:Rounds", "1"), new("Verifiers:Samples", "3"), new("Compose:QueriesPerInstruction", "2"), new("Responses:Samples", "2"),
        ]);
        var source = await runs.CreateAsync("source", settings);
        await RunAsync(database, source.Id);
        var clone = await runs.CloneAsync("source", "copy", []);
        await RunAsync(database, clone.Id);
        return (source.Id, clone.Id);
    }

    public static async Task<Dictionary<string, long>> CountAsync(AutoIfDbContext db, int runId)
    {
        var verifiers = db.Verifiers.Where(v => v.RunId == runId).Select(v => v.Id);
        var responses = db.Responses.Where(r => r.RunId == runId).Select(r => r.Id);
        return new Dictionary<string, long>
        {
            ["Runs"] = await db.Runs.LongCountAsync(r => r.Id == runId || r.ClonedFromRunId == runId),
            ["StageProgress"] = await db.StageProgress.LongCountAsync(p => p.RunId == runId),
            ["Instructions"] = await db.Instructions.LongCountAsync(i => i.RunId == runId),
            ["InstructionSeeds"] = await db.InstructionSeeds.LongCountAsync(l => db.Instructions.Any(i => i.Id == l.InstructionId && i.RunId == runId)),
            ["Verifiers"] = await db.Verifiers.LongCountAsync(v => v.RunId == runId),
            ["TestCases"] = await db.TestCases.LongCountAsync(c => c.RunId == runId),
            ["CaseResults"] = await db.CaseResults.LongCountAsync(r => verifiers.Contains(r.VerifierId)),
            ["BackTranslations"] = await db.BackTranslations.LongCountAsync(b => b.RunId == runId),
            ["Queries"] = await db.Queries.LongCountAsync(q => q.RunId == runId),
            ["ComposedPrompts"] = await db.ComposedPrompts.LongCountAsync(p => p.RunId == runId),
            ["Responses"] = await db.Responses.LongCountAsync(r => r.RunId == runId),
            ["Verdicts"] = await db.Verdicts.LongCountAsync(v => responses.Contains(v.ResponseId)),
            ["Reviews"] = await db.Reviews.LongCountAsync(r => r.RunId == runId),
            ["DpoPairs"] = await db.DpoPairs.LongCountAsync(p => p.RunId == runId),
            ["ExportRecords"] = await db.ExportRecords.LongCountAsync(e => e.RunId == runId),
            ["LlmCalls"] = await db.LlmCalls.LongCountAsync(c => c.RunId == runId),
        };
    }

    public static async Task<string> ExportSftAsync(TestDatabase database, string run)
    {
        using var output = new MemoryStream();
        await database.Get<DatasetExporter>().ExportAsync(new ExportRequest { Runs = [run], Kind = ExportKind.Sft, Format = "messages" }, output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static async Task RunAsync(TestDatabase database, int runId)
    {
        await database.Get<RunService>().MarkQueuedAsync(runId);
        var status = await database.Get<RunOrchestrator>().ExecuteAsync(runId, null, CancellationToken.None);
        await using var db = database.CreateContext();
        Assert.True(status == RunStatus.Completed, (await db.Runs.SingleAsync(r => r.Id == runId)).Error);
    }
}
