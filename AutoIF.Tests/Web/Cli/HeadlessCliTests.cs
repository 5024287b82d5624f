using System.Text.Json;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Web.Cli;

/// <summary>The CLI as a user runs it: the built app as a process, exit codes and printed lines.</summary>
public class HeadlessCliTests
{
    [Fact]
    public async Task Create_prints_the_estimate_estimate_tabulates_it_and_a_budget_pauses_a_run_that_resumes_with_no_limit()
    {
        using var data = new TempFolder("autoif-cli-budget");

        var create = await AppProcess.RunCliAsync(data.Path, "run", "create", "budgeted", "--set", "Seeds:Max=4", "--set", "Augment:Rounds=2", "--set", "Verifiers:Samples=2",
            "--set", "Compose:QueriesPerInstruction=2", "--set", "Responses:Samples=2", "--set", "Run:MaxModelCalls=5");
        Assert.True(create.ExitCode == 0, create.Output);
        // The demo model's estimate (decision 040): 4 seeds + its pool of 8 new instructions = 12, so 2 augment calls and
        // 24 verifier answers, and so on.
        Assert.Matches(@"estimate: about [\d,]+ model calls, [\d.]+k? tokens .* from 4 seeds; it pauses at Run:MaxModelCalls = 5", create.Output);
        var estimate = await AppProcess.RunCliAsync(data.Path, "run", "estimate", "budgeted");
        Assert.True(estimate.ExitCode == 0, estimate.Output);
        Assert.Matches(@"(?m)^\s+Augment\s+2\s", estimate.Output);
        Assert.Matches(@"(?m)^\s+Verifiers\s+24\s", estimate.Output);

        var paused = await AppProcess.RunCliAsync(data.Path, "run", "start", "budgeted", "--wait");
        Assert.True(paused.ExitCode == 0, paused.Output);
        Assert.Contains("paused", paused.Output, StringComparison.Ordinal);
        Assert.Contains("Paused at the model-call budget: 5 of Run:MaxModelCalls = 5 calls used", paused.Output, StringComparison.Ordinal);

        var resumed = await AppProcess.RunCliAsync(data.Path, "run", "resume", "budgeted", "--wait", "--max-model-calls", "none");
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("completed · demo data", resumed.Output, StringComparison.Ordinal);

        var bad = await AppProcess.RunCliAsync(data.Path, "run", "resume", "budgeted", "--max-model-calls", "lots");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("--max-model-calls: 'lots' is not a number of calls", bad.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_start_wait_status_and_export_a_demo_run_end_to_end()
    {
        using var data = new TempFolder("autoif-cli");

        var create = await AppProcess.RunCliAsync(data.Path, "run", "create", "cli-demo", "--set", "Augment:Rounds=2", "--set", "Compose:QueriesPerInstruction=2", "--set", "Responses:Samples=3");
        Assert.True(create.ExitCode == 0, create.Output);
        Assert.Contains("created run 'cli-demo'", create.Output, StringComparison.Ordinal);

        var start = await AppProcess.RunCliAsync(data.Path, "run", "start", "cli-demo", "--wait");
        Assert.True(start.ExitCode == 0, start.Output);
        Assert.Contains("completed · demo data", start.Output, StringComparison.Ordinal);
        Assert.Contains("cross-validated", start.Output, StringComparison.Ordinal);

        var status = await AppProcess.RunCliAsync(data.Path, "run", "status", "cli-demo");
        Assert.Contains("Pairs", status.Output, StringComparison.Ordinal);

        var sftPath = Path.Combine(data.Path, "sft.jsonl");
        var sft = await AppProcess.RunCliAsync(data.Path, "export", "--run", "cli-demo", "--kind", "sft", "--format", "messages", "--out", sftPath);
        Assert.True(sft.ExitCode == 0, sft.Output);
        var rows = File.ReadAllLines(sftPath);
        Assert.NotEmpty(rows);
        using (var row = JsonDocument.Parse(rows[0]))
        {
            var messages = row.RootElement.GetProperty("messages");
            Assert.Equal("user", messages[0].GetProperty("role").GetString());
            Assert.Equal("assistant", messages[1].GetProperty("role").GetString());
        }

        var dpoPath = Path.Combine(data.Path, "dpo.jsonl");
        var dpo = await AppProcess.RunCliAsync(data.Path, "export", "--run", "cli-demo", "--kind", "dpo", "--format", "trl-dpo", "--out", dpoPath);
        Assert.True(dpo.ExitCode == 0, dpo.Output);
        using var pair = JsonDocument.Parse(File.ReadLines(dpoPath).First());
        Assert.NotEqual(pair.RootElement.GetProperty("chosen").GetString(), pair.RootElement.GetProperty("rejected").GetString());

        // Three of the default set's seeds the demo model knows, as a benchmark would hold them.
        var benchmark = Path.Combine(data.Path, "benchmark.jsonl");
        await File.WriteAllLinesAsync(benchmark,
        [
            "{\"prompt\": \"Tell me about owls. Begin every word of the reply with the same letter.\"}",
            "{\"prompt\": \"Describe a harbour at dawn. Never use the same word twice.\"}",
            "{\"prompt\": \"Explain tides. Put each word on a line of its own.\"}",
        ]);
        var bundlePath = Path.Combine(data.Path, "checked.zip");
        var checkedExport = await AppProcess.RunCliAsync(data.Path, "export", "--run", "cli-demo", "--kind", "sft", "--format", "messages", "--out", bundlePath, "--benchmark", benchmark, "--drop-contaminated");
        Assert.True(checkedExport.ExitCode == 0, checkedExport.Output);
        Assert.Contains("contamination against benchmark.jsonl (3 prompts, 5 instruction sentences):", checkedExport.Output, StringComparison.Ordinal);
        Assert.Matches(@"instruction \d+ \[equal\] ""[^""]+"" ~ line \d: ", checkedExport.Output);
        using (var bundle = System.IO.Compression.ZipFile.OpenRead(bundlePath))
        {
            using var report = JsonDocument.Parse(bundle.GetEntry("contamination.json")!.Open());
            Assert.NotEqual(0, report.RootElement.GetProperty("instructions").GetProperty("matches").GetArrayLength());
        }

        // The funnel's last step counts what was exported.
        var after = await AppProcess.RunCliAsync(data.Path, "run", "status", "cli-demo");
        Assert.Matches(@"exported\s+[1-9]\d* rows", after.Output);
    }

    [Fact]
    public async Task Failures_exit_non_zero_with_a_one_line_reason()
    {
        using var data = new TempFolder("autoif-cli");

        var missing = await AppProcess.RunCliAsync(data.Path, "run", "status", "nope");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("autoif: There is no run named 'nope'.", missing.Output, StringComparison.Ordinal);

        var badSetting = await AppProcess.RunCliAsync(data.Path, "run", "create", "x", "--set", "Judge:MinScore=eleven");
        Assert.Equal(1, badSetting.ExitCode);
        Assert.Contains("Judge:MinScore", badSetting.Output, StringComparison.Ordinal);

        var broken = Path.Combine(data.Path, "query_rft.jsonl");
        await File.WriteAllTextAsync(broken, "{\"prompt\": \"p\", \"instruction\": \"i\", \"cases\": [], \"eval_func\": [], \"gpt-answer\": []}\n{not json\n");
        var import = await AppProcess.RunCliAsync(data.Path, "import", "--format", "autoif-query-rft", broken, "--run", "imported");
        Assert.Equal(1, import.ExitCode);
        Assert.Contains("query_rft.jsonl line 2", import.Output, StringComparison.Ordinal);
        var runs = await AppProcess.RunCliAsync(data.Path, "run", "status", "imported");
        Assert.Equal(1, runs.ExitCode);
    }

    [Fact]
    public async Task Seeds_list_shows_both_sets_and_import_goes_into_the_named_set()
    {
        using var data = new TempFolder("autoif-cli");
        var file = Path.Combine(data.Path, "seeds.txt");
        await File.WriteAllTextAsync(file, "Use exactly nine words.\nAnswer in fewer than 50 words.\n");

        var intoBuiltIn = await AppProcess.RunCliAsync(data.Path, "seeds", "import", file, "--set", "ifeval-types");
        var intoNew = await AppProcess.RunCliAsync(data.Path, "seeds", "import", file, "--set", "mine");
        var list = await AppProcess.RunCliAsync(data.Path, "seeds", "list");
        var mine = await AppProcess.RunCliAsync(data.Path, "seeds", "list", "--set", "mine");
        var badName = await AppProcess.RunCliAsync(data.Path, "seeds", "import", file, "--set", "My Seeds");

        Assert.Contains("imported 1 seeds from seeds.txt into set ifeval-types; skipped 1 duplicates", intoBuiltIn.Output, StringComparison.Ordinal);
        Assert.Contains("imported 2 seeds from seeds.txt into set mine; skipped 0 duplicates", intoNew.Output, StringComparison.Ordinal);
        Assert.Contains("set autoif: 42 seeds (built-in, default for new runs)", list.Output, StringComparison.Ordinal);
        Assert.Contains("set ifeval-types: 43 seeds (built-in)", list.Output, StringComparison.Ordinal);
        Assert.Matches(@"\d+\s+autoif\s+Begin every word of the reply with the same letter\.", list.Output);
        Assert.Matches(@"\d+\s+mine\s+Use exactly nine words\.", mine.Output);
        Assert.DoesNotContain("autoif ", mine.Output, StringComparison.Ordinal);
        Assert.Equal(1, badName.ExitCode);
        Assert.Contains("\"My Seeds\" is not a seed set name", badName.Output, StringComparison.Ordinal);
    }
}
