using System.Text.RegularExpressions;
using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Import;
using AutoIF.Core.Llm;
using AutoIF.Core.Pipeline;
using AutoIF.Tests.Import;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

public partial class RunTemplateRecorderTests
{
    [Fact]
    public async Task A_full_run_records_and_its_dataset_card_names_exactly_the_templates_whose_text_the_model_server_received()
    {
        await using var harness = await PipelineHarness.StartAsync();
        harness.Server.Responder = RuleBasedModel.Answer;
        var run = await harness.CreateRunAsync(RunOrchestratorTests.SmallRun);
        await harness.Get<RunService>().MarkQueuedAsync(run);

        Assert.Equal(RunStatus.Completed, await harness.Get<RunOrchestrator>().ExecuteAsync(run, null, CancellationToken.None));

        await AssertRecordedAsync(harness, run);
    }

    [Fact]
    public async Task An_imported_run_that_only_asked_the_judge_names_the_judge_template_alone()
    {
        await using var harness = await PipelineHarness.StartAsync();
        harness.Server.DefaultReply = FakeReply.Answer("Relevant.\nScore: 9");
        ImportResult imported;
        await using (var file = ImportTestKit.Fixture("query_rft.jsonl"))
        {
            imported = await harness.Get<RunImporter>().ImportAsync(ImportFormats.QueryRft, file, "query_rft.jsonl", "imported");
        }
        await harness.Get<RunService>().MarkQueuedAsync(imported.RunId);

        Assert.Equal(RunStatus.Completed, await harness.Get<RunOrchestrator>().ExecuteAsync(imported.RunId, null, CancellationToken.None));

        var recorded = await AssertRecordedAsync(harness, imported.RunId);
        Assert.Equal(["judge"], recorded.Select(t => t.Name));
    }

    /// <summary>The run's record and card list a template exactly when some request the server received was rendered from it.</summary>
    private static async Task<IReadOnlyList<TemplateUse>> AssertRecordedAsync(PipelineHarness harness, int runId)
    {
        var received = harness.Server.Requests.Select(r => r.LastUserMessage).Where(m => m.Length > 0).ToList();
        var sent = PromptTemplates.Default.All.Where(t => received.Any(m => RenderedFrom(t, m)))
            .Select(t => new TemplateUse(t.Name, t.Hash)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(sent);

        Run run;
        await using (var db = harness.CreateContext())
        {
            run = await db.Runs.SingleAsync(r => r.Id == runId);
        }
        var recorded = TemplateManifest.Parse(run.TemplatesJson);
        Assert.Equal(sent, recorded.OrderBy(t => t.Name, StringComparer.Ordinal));

        var request = new ExportRequest { Runs = [run.Name], Kind = ExportKind.Sft, Format = "messages" };
        var info = await harness.Get<DatasetExporter>().DescribeAsync(request, "autoif", DateTimeOffset.UnixEpoch);
        var card = DatasetCardWriter.Render(info, [new SplitFile(DatasetSplit.Train, "data/train-00000-of-00001.jsonl", 1)]);
        var listed = CardTemplate().Matches(card).Select(m => new TemplateUse(m.Groups["name"].Value, m.Groups["hash"].Value)).ToList();
        Assert.Equal(sent, listed.OrderBy(t => t.Name, StringComparer.Ordinal));
        return recorded;
    }

    /// <summary>Every fixed part of the template's text appears in the message, in order.</summary>
    private static bool RenderedFrom(PromptTemplate template, string message)
    {
        var position = 0;
        foreach (var part in Placeholder().Split(template.Text).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            var found = message.IndexOf(part, position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }
            position = found + part.Length;
        }
        return true;
    }

    [GeneratedRegex(@"\{\{\w+\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^- template `(?<name>[^`]+)`: `(?<hash>[^`]+)`$", RegexOptions.Multiline)]
    private static partial Regex CardTemplate();
}
