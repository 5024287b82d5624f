using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Rewards;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.Apis;

/// <summary>The reward endpoints over real HTTP against the app, its real sandbox and a demo run's stored verdicts.</summary>
public class RewardApiTests(RewardServiceFixture fixture) : IClassFixture<RewardServiceFixture>
{
    private const string ChatPrefix = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n";
    private const string ChatSuffix = "<|im_end|>\n<|im_start|>assistant\n";

    /// <summary>The instruction the hostile-verifier test adds a verifier to; every other test leaves it out.</summary>
    private int HostileInstruction => fixture.Responses.Max(r => r.InstructionId);

    /// <summary>Stored responses of the other instructions, passing and failing ones both, within one request's limit.</summary>
    private List<StoredResponse> Sample()
    {
        var others = fixture.Responses.Where(r => r.InstructionId != HostileInstruction).ToList();
        var passing = others.Where(r => fixture.Rules.Passes(r.Accuracy)).Take(RewardServiceFixture.MaxItems / 2);
        var failing = others.Where(r => !fixture.Rules.Passes(r.Accuracy)).Take(RewardServiceFixture.MaxItems / 2);
        var sample = passing.Concat(failing).OrderBy(r => r.Id).ToList();
        Assert.Contains(sample, r => fixture.Rules.Passes(r.Accuracy));
        Assert.Contains(sample, r => !fixture.Rules.Passes(r.Accuracy));
        return sample;
    }

    private static object ScoreBody(IEnumerable<(string Label, string Response)> items, string? mode = null) => mode is null
        ? new { items = items.Select(i => new { label = i.Label, response = i.Response }).ToList() }
        : new { items = items.Select(i => new { label = i.Label, response = i.Response }).ToList(), mode };

    private static double Number(JsonNode? node) => node!.GetValue<double>();

    [Theory]
    [InlineData(null)]
    [InlineData("binary")]
    [InlineData("fraction")]
    [InlineData("accuracy")]
    public async Task Score_gives_each_stored_response_the_verdicts_and_pass_decision_of_the_run(string? mode)
    {
        var sample = Sample();
        var before = await CountsAsync();

        var answer = await fixture.PostOkAsync("/api/reward/score", ScoreBody(sample.Select(r => (RewardServiceFixture.Label(r), r.Text)), mode));

        var results = answer["results"]!.AsArray();
        Assert.Equal(sample.Count, results.Count);
        for (var i = 0; i < sample.Count; i++)
        {
            var stored = sample[i];
            var constraint = Assert.Single(results[i]!["constraints"]!.AsArray())!;
            var passed = fixture.Rules.Passes(stored.Accuracy);
            Assert.Equal(stored.InstructionId, constraint["instruction_id"]!.GetValue<int>());
            Assert.Equal(stored.Accuracy, Number(constraint["accuracy"]), 9);
            Assert.Equal(passed, constraint["passed"]!.GetValue<bool>());
            Assert.Equal(
                stored.Verdicts.Select(v => $"{v.VerifierId}:{VerdictEntry.Name(v.Kind)}"),
                constraint["verdicts"]!.AsArray().Select(v => $"{v!["verifier_id"]}:{v["verdict"]}"));
            // One constraint: binary and fraction are 1 or 0 alike, accuracy is the constraint's.
            var expected = mode == "accuracy" ? stored.Accuracy : passed ? 1 : 0;
            Assert.Equal(expected, Number(results[i]!["reward"]), 9);
        }
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("<|im_end|>")]
    [InlineData("<|eot_id|>")]
    [InlineData("<|im_end|>\n<|endoftext|>")]
    [InlineData("</s>")]
    public async Task OpenRlhf_query_with_chat_template_end_of_turn_tokens_and_url_token_scores_the_response(string endOfTurn)
    {
        var sample = Sample();
        var prompts = sample.Select(r => ChatPrefix + r.Prompt + ChatSuffix).ToList();
        var body = new
        {
            query = sample.Select((r, i) => prompts[i] + r.Text + endOfTurn).ToList(),
            prompts,
            labels = sample.Select(RewardServiceFixture.Label).ToList(),
        };

        // OpenRLHF's client sends no Authorization header: the token rides in the URL.
        var answer = await fixture.PostOkAsync($"/api/reward/openrlhf?mode=accuracy&token={RewardServiceFixture.Token}", body, token: null);

        var rewards = answer["rewards"]!.AsArray();
        var scores = answer["scores"]!.AsArray();
        Assert.NotNull(answer["extra_logs"]);
        for (var i = 0; i < sample.Count; i++)
        {
            // The stored texts end in no white space the trimming could remove, so the accuracy is the stored one.
            Assert.Equal(sample[i].Accuracy, Number(rewards[i]), 9);
            Assert.Equal(fixture.Rules.Passes(sample[i].Accuracy) ? 1 : 0, Number(scores[i]), 9);
        }
    }

    [Fact]
    public async Task A_reasoning_block_is_not_verified_and_an_answer_of_only_reasoning_scores_zero()
    {
        var passing = Sample().First(r => fixture.Rules.Passes(r.Accuracy));
        var failing = Sample().First(r => !fixture.Rules.Passes(r.Accuracy));
        var label = RewardServiceFixture.Label(passing);
        // The reasoning is a failing response's text: were it verified with the answer, the verdicts would differ.
        var items = new[]
        {
            (label, "<think>\n" + failing.Text + "\n</think>\n\n" + passing.Text),
            (label, failing.Text + "\n</think>\n\n" + passing.Text),
            (label, "<think>" + passing.Text + "</think>"),
            (label, "<think>" + passing.Text),
            (label, "   "),
        };

        var results = (await fixture.PostOkAsync("/api/reward/score", ScoreBody(items)))["results"]!.AsArray();

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(1, Number(results[i]!["reward"]));
            Assert.Equal(passing.Accuracy, Number(results[i]!["constraints"]![0]!["accuracy"]), 9);
        }
        for (var i = 2; i < items.Length; i++)
        {
            Assert.Equal(0, Number(results[i]!["reward"]));
            var constraint = results[i]!["constraints"]![0]!;
            Assert.False(constraint["passed"]!.GetValue<bool>());
            Assert.Empty(constraint["verdicts"]!.AsArray());
        }
    }

    [Fact]
    public async Task Verify_reads_a_nemo_gym_request_and_echoes_it_with_the_reward()
    {
        var stored = Sample().First(r => fixture.Rules.Passes(r.Accuracy));
        var body = new JsonObject
        {
            ["responses_create_params"] = new JsonObject { ["input"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = stored.Prompt }) },
            ["response"] = new JsonObject
            {
                ["id"] = "resp_1",
                ["output"] = new JsonArray(
                    new JsonObject { ["type"] = "reasoning", ["content"] = new JsonArray(new JsonObject { ["type"] = "reasoning_text", ["text"] = "thinking" }) },
                    new JsonObject { ["type"] = "message", ["role"] = "assistant", ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = stored.Text }) }),
            },
            ["verifier_metadata"] = new JsonObject { ["label"] = RewardServiceFixture.Label(stored) },
        };

        var answer = await fixture.PostOkAsync("/api/reward/verify", body);

        Assert.Equal(1, Number(answer["reward"]));
        Assert.True(answer["follow_all_instructions"]!.GetValue<bool>());
        Assert.Equal("[true]", answer["follow_instruction_list"]!.ToJsonString());
        Assert.Equal("resp_1", answer["response"]!["id"]!.GetValue<string>());
        Assert.Equal(stored.Prompt, answer["responses_create_params"]!["input"]![0]!["content"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string> BadRequests()
    {
        var data = new TheoryData<string, string, string>();
        const string Good = "GOOD";
        void Add(string path, string body, string message) => data.Add(path, body, message);
        Add("/api/reward/score", """{"items":[{"label":GOOD,"response":"a"},{"label":"{\"run\":\"nope\",\"prompt_id\":1,\"instruction_ids\":[1]}","response":"a"}]}""", "items[1].label: unknown label: no run named 'nope'");
        Add("/api/reward/score", """{"items":[{"label":"{\"run\":\"demo\",\"prompt_id\":999999,\"instruction_ids\":[1]}","response":"a"}]}""", "items[0].label: unknown label: run 'demo' has no prompt 999999");
        Add("/api/reward/score", """{"items":[{"label":"PROMPT_BAD_INSTRUCTION","response":"a"}]}""", "items[0].label: unknown label: run 'demo' has no instruction 999999");
        Add("/api/reward/score", """{"items":[{"label":"not json","response":"a"}]}""", "items[0].label: not a JSON label");
        Add("/api/reward/score", """{"items":[{"label":"{\"run\":\"demo\",\"prompt_id\":1,\"instruction_ids\":[]}","response":"a"}]}""", "items[0].label: \"instruction_ids\" is empty");
        Add("/api/reward/score", """{"items":[{"label":GOOD,"response":5}]}""", "items[0].response: not a string (a number)");
        Add("/api/reward/score", """{"items":[{"label":GOOD,"response":"a"},{"response":"a"}]}""", "items[1].label: missing");
        Add("/api/reward/score", """{"items":[{"label":GOOD,"response":"a"}],"mode":"best"}""", "mode: 'best' is not a reward mode");
        Add("/api/reward/score", """{"item":[]}""", "items: missing or not a list");
        Add("/api/reward/score", """[1]""", "the body must be a JSON object");
        Add("/api/reward/score", """{"items":[""", "the body is not valid JSON");
        Add("/api/reward/score", "{\"items\":[" + string.Join(",", Enumerable.Repeat("""{"label":GOOD,"response":"a"}""", RewardServiceFixture.MaxItems + 1)) + "]}",
            $"items: {RewardServiceFixture.MaxItems + 1} rollouts, at most {RewardServiceFixture.MaxItems} per request (Reward:MaxItems)");
        Add("/api/reward/openrlhf", """{"query":["a","b"],"prompts":["",""],"labels":[GOOD]}""", "query, prompts and labels differ in length (2, 2, 1)");
        Add("/api/reward/openrlhf", """{"query":["a","b"],"prompts":["",""],"labels":[GOOD,7]}""", "labels[1]: not a string (a number)");
        Add("/api/reward/openrlhf", """{"query":["a"],"prompts":[null],"labels":[GOOD]}""", "prompts[0]: not a string (null)");
        Add("/api/reward/openrlhf", """{"query":["a"],"labels":[GOOD]}""", "prompts: missing or not a list");
        Add("/api/reward/verify", """{"response":{"output":[]},"verifier_metadata":{"label":GOOD}}""", "response.output: empty");
        Add("/api/reward/verify", """{"response":{"output":[{"content":[{"type":"output_text"}]}]},"verifier_metadata":{"label":GOOD}}""", "response.output[0].content[0].text: missing");
        Add("/api/reward/verify", """{"response":{"output":[]}}""", "verifier_metadata: missing or not an object");
        _ = Good;
        return data;
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_item_is_refused_with_a_400_naming_it_and_the_problem(string path, string body, string message)
    {
        var stored = Sample()[0];
        var good = JsonSerializer.Serialize(RewardServiceFixture.Label(stored));
        var badInstruction = JsonSerializer.Serialize(RewardServiceFixture.Label(stored.PromptId, 999999));
        var before = await CountsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body.Replace("GOOD", good, StringComparison.Ordinal).Replace("\"PROMPT_BAD_INSTRUCTION\"", badInstruction, StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", RewardServiceFixture.Token);

        using var response = await fixture.Client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Contains(message, JsonNode.Parse(text)!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var stored = Sample()[0];
        var body = new { items = new[] { new { label = RewardServiceFixture.Label(stored), response = new string('x', RewardServiceFixture.MaxBodyBytes) } } };

        using var response = await fixture.Client.SendAsync(fixture.Post("/api/reward/score", body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Reward:MaxBodyBytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/reward/score", null, null)]
    [InlineData("/api/reward/score", "wrong-token", null)]
    [InlineData("/api/reward/score", null, "?token=" + RewardServiceFixture.Token)]
    [InlineData("/api/reward/verify", null, null)]
    [InlineData("/api/reward/openrlhf", null, null)]
    [InlineData("/api/reward/openrlhf", null, "?token=wrong")]
    public async Task Without_the_token_a_request_gets_401(string path, string? token, string? query)
    {
        var stored = Sample()[0];
        var body = new { items = new[] { new { label = RewardServiceFixture.Label(stored), response = stored.Text } } };

        using var response = await fixture.Client.SendAsync(fixture.Post(path + query, body, token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_hostile_verifier_in_the_run_cannot_change_another_rollouts_reward()
    {
        var sample = Sample();
        var hostile = fixture.Responses.First(r => r.InstructionId == HostileInstruction);
        const string Source = """
            import builtins, re, sys
            def evaluate(response):
                builtins.len = lambda *a: 0
                builtins.isinstance = lambda *a: False
                re.search = re.match = re.findall = lambda *a, **k: None
                sys.modules['json'] = None
                globals()['evaluate'] = lambda r: True
                return True
            """;
        const string Exiter = "import os\n\ndef evaluate(response):\n    os._exit(3)\n";
        await using (var db = await fixture.Services.GetRequiredService<IDbContextFactory<AutoIfDbContext>>().CreateDbContextAsync())
        {
            var runId = await db.Runs.Where(r => r.Name == RewardServiceFixture.RunName).Select(r => r.Id).SingleAsync();
            foreach (var source in new[] { Source, Exiter })
            {
                db.Verifiers.Add(new Verifier
                {
                    RunId = runId, InstructionId = HostileInstruction, Kind = VerifierKind.Python, Source = source, SourceHash = TextHash.Exact(source),
                    CompileStatus = CompileStatus.Ok, Status = ItemStatus.Kept, SampleIndex = 90,
                });
            }
            await db.SaveChangesAsync();
        }
        // The hostile rollouts go first and between the others, so they share every sandbox job with them.
        var items = new List<(string Label, string Response)>();
        foreach (var r in sample.Take(RewardServiceFixture.MaxItems / 2 - 1))
        {
            items.Add((RewardServiceFixture.Label(hostile), hostile.Text));
            items.Add((RewardServiceFixture.Label(r), r.Text));
        }

        var results = (await fixture.PostOkAsync("/api/reward/score", ScoreBody(items, "accuracy")))["results"]!.AsArray();

        var honest = sample.Take(RewardServiceFixture.MaxItems / 2 - 1).ToList();
        for (var i = 0; i < honest.Count; i++)
        {
            var result = results[2 * i + 1]!;
            Assert.Equal(honest[i].Accuracy, Number(result["reward"]), 9);
            Assert.Equal(
                honest[i].Verdicts.Select(v => VerdictEntry.Name(v.Kind)),
                result["constraints"]![0]!["verdicts"]!.AsArray().Select(v => v!["verdict"]!.GetValue<string>()));
        }
        var hostileVerdicts = results[0]!["constraints"]![0]!["verdicts"]!.AsArray().Select(v => v!["verdict"]!.GetValue<string>()).ToList();
        Assert.Equal(hostile.Verdicts.Count + 2, hostileVerdicts.Count);
        Assert.NotEqual("true", hostileVerdicts[^1]);
    }

    [Fact]
    public async Task The_python_clients_score_through_the_running_app_for_verl_trl_and_openrlhf()
    {
        var sample = Sample().Take(6).ToList();
        using var folder = new TempFolder("autoif-reward-py");
        foreach (var name in RewardClientScripts.Names)
        {
            await File.WriteAllTextAsync(Path.Combine(folder.Path, name), RewardClientScripts.Read(name));
        }
        var cases = new JsonArray(sample.Select(r => (JsonNode?)new JsonObject
        {
            ["label"] = RewardServiceFixture.Label(r), ["response"] = r.Text, ["prompt"] = ChatPrefix + r.Prompt + ChatSuffix,
        }).ToArray());
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "cases.json"), cases.ToJsonString());
        const string Script = """
            import json, sys
            sys.path.insert(0, sys.argv[1])
            import autoif_reward, openrlhf_reward
            cases = json.load(open(sys.argv[1] + "/cases.json"))
            out = {
                "verl": [autoif_reward.compute_score(data_source="autoif", solution_str=c["response"], ground_truth=c["label"], extra_info={"index": 0}, reward_router_address=None) for c in cases],
                "verl_batch": autoif_reward.compute_score_batch(data_sources=["autoif"] * len(cases), solution_strs=[c["response"] for c in cases], ground_truths=[c["label"] for c in cases]),
                "trl": autoif_reward.trl_reward(prompts=[[{"role": "user", "content": "p"}]] * len(cases),
                                                completions=[[{"role": "assistant", "content": c["response"]}] for c in cases],
                                                ground_truth=[c["label"] for c in cases], completion_ids=[], trainer_state=None),
                "openrlhf": [openrlhf_reward.reward_func([c["prompt"] + c["response"] + "<|im_end|>"], [c["prompt"]], [c["label"]]) for c in cases],
            }
            print(json.dumps(out))
            """;

        var (code, output, error) = await SystemPython.RunAsync(Script, folder.Path, new Dictionary<string, string>
        {
            ["AUTOIF_REWARD_URL"] = fixture.BaseAddress.ToString(), ["AUTOIF_REWARD_TOKEN"] = RewardServiceFixture.Token,
        }, folder.Path);

        Assert.True(code == 0, error);
        var answer = JsonNode.Parse(output)!;
        var expected = sample.Select(r => fixture.Rules.Passes(r.Accuracy) ? 1.0 : 0.0).ToList();
        Assert.Equal(expected, answer["verl"]!.AsArray().Select(Number));
        Assert.Equal(expected, answer["verl_batch"]!.AsArray().Select(Number));
        Assert.Equal(expected, answer["trl"]!.AsArray().Select(Number));
        Assert.Equal(expected, answer["openrlhf"]!.AsArray().Select(o => Number(o!["rewards"]![0])));
        Assert.Equal(expected, answer["openrlhf"]!.AsArray().Select(o => Number(o!["scores"]![0])));
    }

    [Fact]
    public async Task The_python_client_fails_loudly_on_a_wrong_token_and_names_the_url_it_cannot_reach()
    {
        using var folder = new TempFolder("autoif-reward-py");
        await File.WriteAllTextAsync(Path.Combine(folder.Path, RewardClientScripts.AutoIf), RewardClientScripts.Read(RewardClientScripts.AutoIf));
        var label = RewardServiceFixture.Label(Sample()[0]);
        var script = "import sys\nsys.path.insert(0, sys.argv[1])\nimport autoif_reward\nautoif_reward.compute_score('autoif', 'x', " + JsonSerializer.Serialize(label) + ")\n";

        var (code, _, error) = await SystemPython.RunAsync(script, folder.Path, new Dictionary<string, string> { ["AUTOIF_REWARD_URL"] = fixture.BaseAddress.ToString(), ["AUTOIF_REWARD_TOKEN"] = "wrong" }, folder.Path);
        Assert.NotEqual(0, code);
        Assert.Contains("HTTP 401", error, StringComparison.Ordinal);

        // A port nobody listens on: refused at once, tried again, then reported with the address.
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        (code, _, error) = await SystemPython.RunAsync(script, folder.Path, new Dictionary<string, string>
        {
            ["AUTOIF_REWARD_URL"] = $"http://127.0.0.1:{port}", ["AUTOIF_REWARD_RETRIES"] = "1", ["AUTOIF_REWARD_TIMEOUT"] = "5",
        }, folder.Path);
        Assert.NotEqual(0, code);
        Assert.Contains($"unreachable at http://127.0.0.1:{port}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Served_requests_are_counted_with_their_latency()
    {
        var stats = fixture.Services.GetRequiredService<RewardStats>();
        var before = stats.Requests;
        var stored = Sample()[0];

        await fixture.PostOkAsync("/api/reward/score", ScoreBody([(RewardServiceFixture.Label(stored), stored.Text)]));

        Assert.True(stats.Requests > before);
        Assert.NotNull(stats.Percentile(0.99));
    }

    private async Task<(int Verdicts, int Responses, int Reviews)> CountsAsync()
    {
        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<AutoIfDbContext>>().CreateDbContextAsync();
        return (await db.Verdicts.CountAsync(), await db.Responses.CountAsync(), await db.Reviews.CountAsync());
    }
}
