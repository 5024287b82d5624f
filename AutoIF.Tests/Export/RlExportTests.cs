using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Rewards;

namespace AutoIF.Tests.Export;

/// <summary>The RL prompt set (<c>--kind rl</c>) read from a real SQLite schema: which prompts, their labels, every format read back, the bundle.</summary>
public sealed class RlExportTests : IDisposable
{
    private readonly ExportDatabase _db = new();
    private readonly Run _run;
    private readonly Instruction _instruction;
    private readonly Verifier _verifier;
    private readonly ComposedPrompt _prompt;

    public RlExportTests()
    {
        _run = _db.Run();
        _instruction = _db.Instruction(_run, "answer in fewer than 20 words.");
        _verifier = _db.Verifier(_instruction);
        _prompt = _db.Prompt(_instruction, "describe autumn in Kyoto");
    }

    public void Dispose() => _db.Dispose();

    private static ExportRequest Request(string format = ExportFormats.OpenRlhf, ExportContainer? container = null) =>
        new() { Runs = ["kyoto"], Kind = ExportKind.Rl, Format = format, Container = container };

    private async Task<List<RlPrompt>> RowsAsync(ExportRequest request) => await new DatasetExporter(_db).RlRows(request).ToListAsync();

    private async Task<List<JsonObject>> JsonlAsync(ExportRequest request)
    {
        using var output = new MemoryStream();
        await new DatasetExporter(_db).ExportAsync(request, output);
        return Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    }

    private static JsonArray Messages(params (string Role, string Content)[] messages) =>
        new(messages.Select(m => (JsonNode?)new JsonObject { ["role"] = m.Role, ["content"] = m.Content }).ToArray());

    private string Label => new RewardLabel("kyoto", _prompt.Id, [_instruction.Id]).ToJson();

    private const string Prompt = "Describe autumn in Kyoto. Answer in fewer than 20 words.";

    [Fact]
    public async Task A_row_is_a_composed_prompt_with_the_label_the_reward_service_reads()
    {
        var row = Assert.Single(await RowsAsync(Request()));
        Assert.Equal(Prompt, row.Prompt);
        var label = RewardLabel.Parse(row.LabelJson);
        Assert.Equal(("kyoto", _prompt.Id), (label.Run, label.PromptId));
        Assert.Equal([_instruction.Id], label.InstructionIds);
        Assert.Equal([_verifier.Id], row.Provenance.VerifierIds);
        Assert.Equal(_prompt.Id, row.Provenance.SourceId);
    }

    [Fact]
    public async Task Only_prompts_the_service_can_score_are_offered()
    {
        var rejected = _db.Instruction(_run, "use no commas.", ReviewState.Rejected);
        _db.Verifier(rejected);
        _db.Prompt(rejected, "name three rivers");
        var dropped = _db.Instruction(_run, "end with a question.", status: ItemStatus.Dropped);
        _db.Verifier(dropped);
        _db.Prompt(dropped, "say hi");
        var uncompiled = _db.Instruction(_run, "write in French.");
        _db.Verifier(uncompiled, compile: CompileStatus.SyntaxError);
        _db.Prompt(uncompiled, "greet a friend");
        var rejectedVerifier = _db.Instruction(_run, "use exactly three sentences.");
        _db.Verifier(rejectedVerifier, ReviewState.Rejected);
        _db.Prompt(rejectedVerifier, "explain rain");
        var approvedDrop = _db.Instruction(_run, "mention a colour.", ReviewState.Approved, ItemStatus.Dropped);
        _db.Verifier(approvedDrop, status: ItemStatus.Dropped, review: ReviewState.Approved);
        var approvedPrompt = _db.Prompt(approvedDrop, "describe the sea");

        var rows = await RowsAsync(Request());

        Assert.Equal([_prompt.Id, approvedPrompt.Id], rows.Select(r => r.Provenance.SourceId));
        Assert.Equal([0L, 1L], rows.Select(r => r.Index));
        Assert.Equal([approvedPrompt.Id], (await RowsAsync(Request() with { ApprovedOnly = true })).Select(r => r.Provenance.SourceId));
    }

    [Fact]
    public async Task A_soft_instruction_s_prompts_are_offered_only_when_the_reward_service_asks_questions_and_the_card_says_how_many_were_left_out()
    {
        // Checked by a question alone (a soft constraint); and a coded instruction's question never makes it soft.
        var soft = _db.Instruction(_run, "write in a formal tone.");
        var question = _db.Verifier(soft, question: "Is the response written in a formal tone?");
        var softPrompt = _db.Prompt(soft, "invite the team to lunch");
        _db.Verifier(_instruction, question: "Is the response short?");
        var withQuestions = new DatasetExporter(_db, Microsoft.Extensions.Options.Options.Create(new RewardOptions { Questions = true }));

        Assert.Equal([_prompt.Id], (await RowsAsync(Request())).Select(r => r.Provenance.SourceId));
        var rows = await withQuestions.RlRows(Request()).ToListAsync();
        Assert.Equal([_prompt.Id, softPrompt.Id], rows.Select(r => r.Provenance.SourceId));
        // The coded instruction is still scored by its function; the soft one by its question.
        Assert.Equal([[_verifier.Id], [question.Id]], rows.Select(r => r.Provenance.VerifierIds));

        Assert.Contains("1 prompts are left out: their instruction is checked only by question verifiers", await CardAsync(new DatasetExporter(_db)), StringComparison.Ordinal);
        Assert.DoesNotContain("are left out", await CardAsync(withQuestions), StringComparison.Ordinal);
    }

    private static async Task<string> CardAsync(DatasetExporter exporter)
    {
        var request = Request(ExportFormats.Verl);
        using var zip = new MemoryStream();
        await exporter.ExportBundleAsync(request, await exporter.DescribeAsync(request, "kyoto", DateTimeOffset.UnixEpoch), zip);
        using var archive = new ZipArchive(new MemoryStream(zip.ToArray()), ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry("README.md")!.Open());
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Round_cap_and_split_filters_apply_and_the_index_counts_after_them()
    {
        var second = _db.Prompt(_instruction, "describe winter in Kyoto");
        var roundOne = _db.Prompt(_instruction, "describe spring in Kyoto", round: 1);
        Assert.Equal([roundOne.Id], (await RowsAsync(Request() with { Round = 1 })).Select(r => r.Provenance.SourceId));
        var capped = await RowsAsync(Request() with { MaxPerInstruction = 2 });
        Assert.Equal([_prompt.Id, second.Id], capped.Select(r => r.Provenance.SourceId));

        var train = await JsonlAsync(Request(ExportFormats.Verl, ExportContainer.Jsonl) with { ValidationSplit = 0.5, Seed = 3 });
        var validation = await JsonlAsync(Request(ExportFormats.Verl, ExportContainer.Jsonl) with { ValidationSplit = 0.5, Seed = 3, Split = DatasetSplit.Validation });
        var indexes = train.Concat(validation).Select(r => r["extra_info"]!["index"]!.GetValue<long>()).Order().ToList();
        Assert.Equal([0L, 1L, 2L], indexes);
    }

    [Fact]
    public async Task Verl_jsonl_rows_have_verls_five_fields()
    {
        var row = Assert.Single(await JsonlAsync(Request(ExportFormats.Verl, ExportContainer.Jsonl) with { System = "Be brief." }));
        var expected = new JsonObject
        {
            ["data_source"] = "autoif",
            ["prompt"] = Messages(("system", "Be brief."), ("user", Prompt)),
            ["ability"] = "instruction_following",
            ["reward_model"] = new JsonObject { ["style"] = "rule", ["ground_truth"] = Label },
            ["extra_info"] = new JsonObject { ["index"] = 0, ["run"] = "kyoto", ["prompt_id"] = _prompt.Id, ["instruction_ids"] = new JsonArray(_instruction.Id) },
        };
        Assert.True(JsonNode.DeepEquals(expected, row), row.ToJsonString());
    }

    [Fact]
    public async Task Openrlhf_trl_and_open_instruct_rows_have_their_trainers_keys()
    {
        var openrlhf = Assert.Single(await JsonlAsync(Request(ExportFormats.OpenRlhf)));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["prompt"] = Prompt, ["label"] = Label }, openrlhf), openrlhf.ToJsonString());

        var trl = Assert.Single(await JsonlAsync(Request(ExportFormats.TrlPrompts)));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["prompt"] = Messages(("user", Prompt)), ["ground_truth"] = Label }, trl), trl.ToJsonString());

        var openInstruct = Assert.Single(await JsonlAsync(Request(ExportFormats.OpenInstruct)));
        var expected = new JsonObject { ["messages"] = Messages(("user", Prompt)), ["ground_truth"] = Label, ["dataset"] = "autoif" };
        Assert.True(JsonNode.DeepEquals(expected, openInstruct), openInstruct.ToJsonString());

        var withMetadata = Assert.Single(await JsonlAsync(Request(ExportFormats.TrlPrompts) with { Metadata = true }));
        Assert.Equal(_prompt.Id, withMetadata["metadata"]!["source_id"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("min-judge-score")]
    [InlineData("min-accuracy")]
    [InlineData("include-rejected")]
    public void Filters_that_need_a_response_are_refused_by_name(string flag)
    {
        var request = flag switch
        {
            "min-judge-score" => Request() with { MinJudgeScore = 8 },
            "min-accuracy" => Request() with { MinAccuracy = 0.5 },
            _ => Request() with { IncludeRejected = true },
        };
        var error = Assert.Throws<ArgumentException>(() => DatasetExporter.Validate(request));
        Assert.Contains("--" + flag, error.Message, StringComparison.Ordinal);
        Assert.Contains("--kind rl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExportFormats.OpenRlhf)]
    [InlineData(ExportFormats.OpenInstruct)]
    public void A_system_prompt_is_refused_where_the_format_has_one_user_turn(string format)
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetExporter.Validate(Request(format) with { System = "Be brief." }));
        Assert.Contains("--system", error.Message, StringComparison.Ordinal);
        Assert.Contains(format, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_rl_format_under_another_kind_says_which_kind()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetExporter.Validate(Request(ExportFormats.Verl) with { Kind = ExportKind.Sft }));
        Assert.Contains("--kind rl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bundle_adds_the_reward_clients_and_a_card_that_says_how_to_train()
    {
        var exporter = new DatasetExporter(_db);
        var request = Request(ExportFormats.Verl);
        var card = await exporter.DescribeAsync(request, "kyoto-rl", DateTimeOffset.UnixEpoch);
        using var zip = new MemoryStream();
        await exporter.ExportBundleAsync(request, card, zip);

        using var archive = new ZipArchive(new MemoryStream(zip.ToArray()));
        var names = archive.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("data/train-00000-of-00001.parquet", names);
        Assert.Contains("provenance.jsonl", names);
        Assert.DoesNotContain("dataset_info.json", names);
        foreach (var script in RewardClientScripts.Names)
        {
            using var reader = new StreamReader(archive.GetEntry("reward/" + script)!.Open());
            Assert.Equal(RewardClientScripts.Read(script), await reader.ReadToEndAsync());
        }
        using var cardReader = new StreamReader(archive.GetEntry("README.md")!.Open());
        var text = await cardReader.ReadToEndAsync();
        Assert.Contains("## Train with RL", text, StringComparison.Ordinal);
        Assert.Contains("data.train_files=data/train-00000-of-00001.parquet", text, StringComparison.Ordinal);
        Assert.Contains("reward.custom_reward_function.path=reward/autoif_reward.py", text, StringComparison.Ordinal);
    }
}
