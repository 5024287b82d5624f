using System.Text;
using System.Text.Json;
using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Import;
using AutoIF.Core.Llm;
using AutoIF.Core.Pipeline;
using AutoIF.Tests.Llm;
using AutoIF.Tests.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Import;

/// <summary>An imported query_rft file run through verify, judge and export: the scripts' wrapper must reach neither the judge nor the trainer.</summary>
public class ImportedScriptPromptTests
{
    private const string Under50 = "Answer in fewer than 50 words.";
    private const string Lowercase = "Write your entire answer in lowercase letters.";
    private const string EggWrapper = "Please answer the query strictly following the instruction.\n[instruction] Answer in fewer than 50 words.\n[Query] How do I boil an egg?";
    private const string SeaWrapper = "Please answer the query strictly following the instruction.\n[instruction] Answer in fewer than 50 words.\n[Query] Why is the sea salty?";

    [Fact]
    public async Task The_judge_and_the_SFT_export_see_what_our_composer_makes_of_the_query_and_instruction_and_provenance_keeps_the_original()
    {
        await using var harness = await PipelineHarness.StartAsync();
        harness.Server.DefaultReply = FakeReply.Answer("The response answers the query.\nScore: 9");
        ImportResult imported;
        await using (var file = ImportTestKit.Fixture("query_rft.jsonl"))
        {
            imported = await harness.Get<RunImporter>().ImportAsync(ImportFormats.QueryRft, file, "query_rft.jsonl", "imported");
        }
        await harness.Get<RunService>().MarkQueuedAsync(imported.RunId);

        Assert.Equal(RunStatus.Completed, await harness.Get<RunOrchestrator>().ExecuteAsync(imported.RunId, null, CancellationToken.None));

        await using var db = harness.CreateContext();
        var responses = await db.Responses.Include(r => r.Prompt).OrderBy(r => r.Id).ToListAsync();
        var asWritten = responses.Select(r => r.Prompt!).First(p => p.QueryId is null).Text;
        string QueryOf(Response r) => r.Prompt!.SourceText switch
        {
            EggWrapper => "How do I boil an egg?",
            SeaWrapper => "Why is the sea salty?",
            _ => asWritten,
        };
        string InstructionOf(Response r) => r.Prompt!.SourceText is null ? Lowercase : Under50;

        // Every verified response was judged on its query as a run of ours would ask: never the wrapper.
        var judged = responses.Where(r => r.JudgeScore is not null).ToList();
        Assert.Equal(6, judged.Count);
        var expectedJudgePrompts = judged.Select(r => PromptTemplates.Default.Judge(QueryOf(r), InstructionOf(r), r.Text).Text).Order(StringComparer.Ordinal);
        var judgePrompts = harness.Server.Requests.Select(r => r.LastUserMessage).Where(m => m.StartsWith("You are reviewing a response", StringComparison.Ordinal));
        Assert.Equal(expectedJudgePrompts, judgePrompts.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(harness.Server.Requests, r => r.LastUserMessage.Contains("[instruction]", StringComparison.Ordinal));

        var rows = await ExportAsync(harness.Get<DatasetExporter>(), new ExportRequest { Runs = ["imported"], Kind = ExportKind.Sft, Format = "messages", Metadata = true });
        var kept = responses.Where(r => r.Status == ItemStatus.Kept).ToDictionary(r => r.Id);
        Assert.Equal(kept.Count, rows.Count);
        Assert.Equal(5, rows.Count(r => r.GetProperty("metadata").TryGetProperty("source_prompt", out _)));
        foreach (var row in rows)
        {
            var response = kept[row.GetProperty("metadata").GetProperty("source_id").GetInt64()];
            var user = row.GetProperty("messages")[0].GetProperty("content").GetString();
            if (response.Prompt!.SourceText is { } wrapper)
            {
                Assert.Equal(PromptComposer.Compose(QueryOf(response), Under50), user);
                Assert.Equal(wrapper, row.GetProperty("metadata").GetProperty("source_prompt").GetString());
            }
            else
            {
                // A prompt that was not the wrapper is the file's text, as it was before.
                Assert.Equal(asWritten, user);
                Assert.False(row.GetProperty("metadata").TryGetProperty("source_prompt", out _));
            }
        }
    }

    private static async Task<List<JsonElement>> ExportAsync(DatasetExporter exporter, ExportRequest request)
    {
        using var output = new MemoryStream();
        await exporter.ExportAsync(request, output);
        return Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }
}
