using System.IO.Compression;
using System.Text.Json.Nodes;
using AutoIF.Core.Export;
using AutoIF.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Apis;

/// <summary>
/// An RL bundle of a demo run, unpacked as a researcher would, its reward clients loaded the way each trainer loads them
/// (TRL by dotted import path from the bundle folder, OpenRLHF and verl from the file, open-instruct as a registered
/// verifier class) with the system Python, scoring the run's stored responses through the running app.
/// </summary>
public class RlBundleTests(RewardServiceFixture fixture) : IClassFixture<RewardServiceFixture>
{
    // Stands in for open-instruct itself (the trainer, not our code): the base class and result type of its
    // ground_truth_utils, and the registry rule that only direct subclasses present at start-up count.
    private const string OpenInstructStub = """
        from dataclasses import dataclass

        @dataclass
        class VerificationResult:
            score: float
            cost: float = 0.0
            reasoning: str = None

        class VerifierFunction:
            def __init__(self, name, weight=1.0, verifier_config=None):
                self.name, self.weight, self.verifier_config = name, weight, verifier_config

        def build_all_verifiers():
            return {cls().name.lower(): cls() for cls in VerifierFunction.__subclasses__()}
        """;

    private const string Script = """
        import importlib, importlib.util, json, sys
        bundle, stub = sys.argv[1], sys.argv[2]
        sys.path.insert(0, bundle)
        sys.path.insert(0, stub)
        labels = {}
        for line in open(bundle + "/data/train-00000-of-00001.jsonl"):
            row = json.loads(line)
            labels[json.loads(row["ground_truth"])["prompt_id"]] = row["ground_truth"]
        cases = [c for c in json.load(open(stub + "/cases.json")) if c["prompt_id"] in labels]
        gts = [labels[c["prompt_id"]] for c in cases]

        trl = importlib.import_module("reward.autoif_reward").trl_reward      # --reward_funcs reward.autoif_reward.trl_reward
        spec = importlib.util.spec_from_file_location("custom_module", bundle + "/reward/autoif_reward.py")
        verl = importlib.util.module_from_spec(spec); spec.loader.exec_module(verl)
        spec = importlib.util.spec_from_file_location("reward_func", bundle + "/reward/openrlhf_reward.py")
        openrlhf = importlib.util.module_from_spec(spec); spec.loader.exec_module(openrlhf)
        sys.path.insert(0, bundle + "/reward")
        import open_instruct_autoif
        from open_instruct.ground_truth_utils import build_all_verifiers
        autoif = build_all_verifiers()["autoif"]

        print(json.dumps({
            "cases": [c["response_id"] for c in cases],
            "trl": trl(prompts=[[{"role": "user", "content": "p"}]] * len(cases), completions=[[{"role": "assistant", "content": c["response"]}] for c in cases], ground_truth=gts),
            "verl": [verl.compute_score(data_source="autoif", solution_str=c["response"], ground_truth=g, extra_info={"index": 0}) for c, g in zip(cases, gts)],
            "openrlhf": [openrlhf.reward_func(["<|im_start|>user\n" + c["prompt"] + "<|im_end|>\n<|im_start|>assistant\n" + c["response"] + "<|im_end|>"],
                                              ["<|im_start|>user\n" + c["prompt"] + "<|im_end|>\n<|im_start|>assistant\n"], [g])["rewards"][0] for c, g in zip(cases, gts)],
            "open_instruct": [autoif(None, c["response"], g).score for c, g in zip(cases, gts)],
        }))
        """;

    [Fact]
    public async Task Each_trainers_reward_client_in_the_bundle_scores_stored_responses_as_the_run_did()
    {
        using var folder = new TempFolder("autoif-rl-bundle");
        var zip = Path.Combine(folder.Path, "demo-rl.zip");
        var request = new ExportRequest { Runs = [RewardServiceFixture.RunName], Kind = ExportKind.Rl, Format = ExportFormats.TrlPrompts };
        var written = await fixture.Services.GetRequiredService<ExportToFile>().WriteAsync(request, zip, bundle: true);
        Assert.True(written.Rows > 0);
        var bundle = Path.Combine(folder.Path, "bundle");
        await ZipFile.ExtractToDirectoryAsync(zip, bundle);

        var stub = Path.Combine(folder.Path, "trainer");
        Directory.CreateDirectory(Path.Combine(stub, "open_instruct"));
        await File.WriteAllTextAsync(Path.Combine(stub, "open_instruct", "__init__.py"), "");
        await File.WriteAllTextAsync(Path.Combine(stub, "open_instruct", "ground_truth_utils.py"), OpenInstructStub);
        var cases = new JsonArray(fixture.Responses.Select(r => (JsonNode?)new JsonObject
        {
            ["response_id"] = r.Id, ["prompt_id"] = r.PromptId, ["prompt"] = r.Prompt, ["response"] = r.Text,
        }).ToArray());
        await File.WriteAllTextAsync(Path.Combine(stub, "cases.json"), cases.ToJsonString());

        var (code, output, error) = await SystemPython.RunAsync(Script, bundle, new Dictionary<string, string>
        {
            ["AUTOIF_REWARD_URL"] = fixture.BaseAddress.ToString(), ["AUTOIF_REWARD_TOKEN"] = RewardServiceFixture.Token,
        }, bundle, stub);

        Assert.True(code == 0, error);
        var answer = JsonNode.Parse(output)!;
        var byId = fixture.Responses.ToDictionary(r => r.Id);
        var expected = answer["cases"]!.AsArray().Select(id => fixture.Rules.Passes(byId[id!.GetValue<long>()].Accuracy) ? 1.0 : 0.0).ToList();
        Assert.Contains(1.0, expected);
        Assert.Contains(0.0, expected);
        foreach (var trainer in new[] { "trl", "verl", "openrlhf", "open_instruct" })
        {
            Assert.Equal(expected, answer[trainer]!.AsArray().Select(v => v!.GetValue<double>()));
        }
    }
}
