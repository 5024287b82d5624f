using System.Text;
using System.Text.Json;
using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Seeds;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

public class DemoRunEndToEndTests
{
    [Fact]
    public async Task The_offline_demo_model_runs_the_whole_pipeline_to_exported_SFT_rows_and_DPO_pairs()
    {
        await using var database = await TestDatabase.CreateAsync(new Dictionary<string, string?>
        {
            ["Sandbox:Workers"] = "2",
            ["Sandbox:TimeoutSeconds"] = "1",
            ["Sandbox:HardDeadlineSeconds"] = "2",
        });
        var runs = database.Get<RunService>();
        var settings = RunSettingsEditor.Apply(new RunSettings(),
        [
            new("Seeds:Max", "8"), new("Augment:Rounds", "1"), new("Verifiers:Samples", "3"), new("Compose:QueriesPerInstruction", "2"), new("Responses:Samples", "4"),
        ]);
        var run = await runs.CreateAsync("demo", settings);
        await runs.MarkQueuedAsync(run.Id);

        var status = await database.Get<RunOrchestrator>().ExecuteAsync(run.Id, null, CancellationToken.None);

        await using var db = database.CreateContext();
        Assert.Equal((RunStatus.Completed, null, true), (status, (await db.Runs.SingleAsync()).Error, (await db.Runs.SingleAsync()).IsDemo));
        // The run started from the default seed set, and the demo model knows enough of it for seeds to come through.
        Assert.Contains(await db.Instructions.Where(i => i.Origin == InstructionOrigin.Seed && i.Status == ItemStatus.Kept).Select(i => i.Text).ToListAsync(),
            text => BuiltInSeeds.Load(SeedSets.Default).Contains(text));
        var keptResponses = await db.Responses.Include(r => r.Prompt).Where(r => r.Status == ItemStatus.Kept).ToListAsync();
        var exporter = database.Get<DatasetExporter>();

        var sft = await ExportAsync(exporter, new ExportRequest { Runs = ["demo"], Kind = ExportKind.Sft, Format = "messages" });
        Assert.NotEmpty(sft);
        Assert.Equal(keptResponses.Count, sft.Count);
        var pairsByPrompt = keptResponses.Select(r => (r.Prompt!.Text, r.Text)).ToHashSet();
        foreach (var row in sft)
        {
            var messages = row.GetProperty("messages");
            Assert.Equal(["user", "assistant"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
            Assert.Contains((messages[0].GetProperty("content").GetString()!, messages[1].GetProperty("content").GetString()!), pairsByPrompt);
        }

        var dpo = await ExportAsync(exporter, new ExportRequest { Runs = ["demo"], Kind = ExportKind.Dpo, Format = "trl-dpo" });
        Assert.Equal(await db.DpoPairs.CountAsync(), dpo.Count);
        Assert.Contains(dpo, row => row.GetProperty("prompt").GetString()!.Length > 0);
        Assert.All(dpo, row => Assert.NotEqual(row.GetProperty("chosen").GetString(), row.GetProperty("rejected").GetString()));
        Assert.True(await db.DpoPairs.AnyAsync(p => p.Level == PairLevel.Query), "the demo model's samples differ, so some prompts have query-level pairs");
    }

    private static async Task<List<JsonElement>> ExportAsync(DatasetExporter exporter, ExportRequest request)
    {
        using var output = new MemoryStream();
        await exporter.ExportAsync(request, output);
        return Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }
}
