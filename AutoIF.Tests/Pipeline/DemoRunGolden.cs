using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Reports;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

/// <summary>
/// What the golden demo run is compared by, shared by the test that makes the run (<see cref="DemoRunGoldenTests"/>) and
/// the one that opens the database an earlier release made of it (<c>LegacyDatabaseUpgradeTests</c>): the funnel, grid
/// pages, dashboard numbers and every export, as text or bytes, and the comparison with <c>Fixtures/Golden/DemoRun/</c>.
/// </summary>
public static partial class DemoRunGolden
{
    public const string RunName = "demo";
    private const string UpdateVariable = GoldenFiles.UpdateVariable;
    private const string GoldenFolder = "Fixtures/Golden/DemoRun";

    /// <summary>Whether the golden files are being rewritten (<c>AUTOIF_UPDATE_GOLDEN=1</c>) instead of compared.</summary>
    public static bool Updating => GoldenFiles.Updating;

    /// <summary>Sandbox timeouts far above what the demo verifiers need, so a loaded machine cannot turn a verdict into a timeout.</summary>
    public static IReadOnlyDictionary<string, string?> SandboxSettings { get; } = new Dictionary<string, string?>
    {
        ["Sandbox:Workers"] = "2",
        ["Sandbox:TimeoutSeconds"] = "20",
        ["Sandbox:HardDeadlineSeconds"] = "40",
    };

    /// <summary>Creates the small demo run (8 seeds, 2 augment rounds, 3 verifiers and responses per item) and runs it to the end.</summary>
    public static async Task<int> RunAsync(TestDatabase database)
    {
        var settings = RunSettingsEditor.Apply(new RunSettings(),
        [
            new("Seeds:Max", "8"), new("Augment:Rounds", "2"), new("Verifiers:Samples", "3"), new("Compose:QueriesPerInstruction", "2"), new("Responses:Samples", "3"),
        ]);
        var runs = database.Get<RunService>();
        var run = await runs.CreateAsync(RunName, settings);
        await runs.MarkQueuedAsync(run.Id);
        var status = await database.Get<RunOrchestrator>().ExecuteAsync(run.Id, null, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, status);
        return run.Id;
    }

    /// <summary>Everything but the reviews: funnel, grid, dashboard and every export of the run.</summary>
    public static async Task<SortedDictionary<string, byte[]>> OutputsAsync(TestDatabase database, int runId)
    {
        var outputs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["funnel.txt"] = Text(await FunnelAsync(database, runId)),
            ["grid.txt"] = Text(await GridAsync(database, runId)),
            ["dashboard.txt"] = Text(await DashboardAsync(database, runId)),
        };
        foreach (var (name, request) in ExportRequests())
        {
            using var output = new MemoryStream();
            await database.Get<DatasetExporter>().ExportAsync(request, output);
            outputs[name] = output.ToArray();
        }
        return outputs;
    }

    private static async Task<string> FunnelAsync(TestDatabase database, int runId)
    {
        var text = new StringBuilder();
        foreach (var step in await database.Get<RunFunnelQuery>().ExecuteAsync(runId))
        {
            text.AppendLine(Invariant($"{step.Name}: {step.Count} {step.Unit} (dropped {step.DroppedCount})"));
            foreach (var drop in step.Dropped)
            {
                text.AppendLine(Invariant($"  {drop.Count} × {drop.Reason} | e.g. {drop.Example}"));
            }
        }
        return text.ToString();
    }

    private static async Task<string> GridAsync(TestDatabase database, int runId)
    {
        var grid = database.Get<InstructionGridQuery>();
        await using var db = database.CreateContext();
        // A word of the first kept instruction, so the search certainly finds something.
        var firstKept = await db.Instructions.Where(i => i.RunId == runId && i.Status == ItemStatus.Kept).OrderBy(i => i.Id).Select(i => i.Text).FirstAsync();
        var word = Regex.Matches(firstKept, "[A-Za-z]{5,}").Select(m => m.Value.ToLowerInvariant()).First();
        var views = new (string Name, InstructionGridRequest Request)[]
        {
            ("all", new(new InstructionGridFilter { RunId = runId }, Take: 10)),
            ("kept", new(new InstructionGridFilter { RunId = runId, Status = ItemStatus.Kept }, Take: 10)),
            ("dropped", new(new InstructionGridFilter { RunId = runId, Status = ItemStatus.Dropped }, Take: 10)),
            ("pending", new(new InstructionGridFilter { RunId = runId, Status = ItemStatus.Pending }, Take: 10)),
            ("rejected by review", new(new InstructionGridFilter { RunId = runId, ReviewState = ReviewState.Rejected }, Take: 10)),
            ("not reviewed, by pass rate", new(new InstructionGridFilter { RunId = runId, ReviewState = ReviewState.None }, InstructionSortColumn.PassRate, Descending: true, Take: 10)),
            ($"search '{word}'", new(new InstructionGridFilter { RunId = runId, Search = word }, Take: 10)),
            ("augmented, dropped at verifiers, reason 'json'", new(new InstructionGridFilter { RunId = runId, Origin = InstructionOrigin.Augmented, DropStage = PipelineStage.Verifiers, DropReason = "json" }, Take: 10)),
        };
        var text = new StringBuilder();
        foreach (var (name, request) in views)
        {
            var page = await grid.ExecuteAsync(request);
            text.AppendLine(Invariant($"## {name}: {page.Total}{(page.Count.Capped ? "+" : "")} rows, more pages: {page.HasMore}"));
            foreach (var row in page.Rows)
            {
                text.AppendLine(Invariant(
                    $"{row.Id} [{row.RunName}] {row.Origin} {row.Status} drop={row.DropStage?.ToString() ?? "-"} review={row.ReviewState} pass={Number(row.PassRate)} verifiers={row.KeptVerifiers}/{row.Verifiers} demo={row.IsDemo} | {row.Text} | {row.DropReason}"));
            }
        }
        return text.ToString();
    }

    private static async Task<string> DashboardAsync(TestDatabase database, int runId)
    {
        var dashboard = database.Get<DashboardQuery>();
        var text = new StringBuilder();
        foreach (var run in await dashboard.RunsAsync())
        {
            text.AppendLine(Invariant($"run {run.Id} {run.Name}: {run.State}, stage {run.CurrentStage?.ToString() ?? "-"}, demo {run.IsDemo}, error {run.Error ?? "-"}, created {run.CreatedAt:O}, started {run.StartedAt:O}, finished {run.FinishedAt:O}"));
            foreach (var stage in run.Stages)
            {
                text.AppendLine(Invariant($"  {stage.Stage}: {stage.Done}/{stage.Total} completed={stage.Completed} | {stage.Message}"));
            }
        }
        var histograms = await dashboard.HistogramsAsync(runId);
        foreach (var (name, buckets) in new[] { ("verifier case accuracy", histograms.VerifierCaseAccuracy), ("response accuracy", histograms.ResponseAccuracy), ("judge scores", histograms.JudgeScores) })
        {
            text.AppendLine(Invariant($"{name}: {string.Join(", ", buckets.Select(b => $"{b.Label}={b.Count}"))}"));
        }
        text.AppendLine(Invariant($"overrides: {await dashboard.OverridesAsync(runId)}"));
        return text.ToString();
    }

    /// <summary>Every format in every container the registry allows, with and without metadata, and each format's variants; plus the review filters on one format.</summary>
    private static IEnumerable<(string Name, ExportRequest Request)> ExportRequests()
    {
        foreach (var spec in DatasetWriterRegistry.Formats)
        {
            var variants = spec.Name switch
            {
                ExportFormats.LlamaFactoryDpo => new[] { ("alpaca", new ExportRequest { Runs = [RunName], Format = spec.Name }), ("sharegpt", new ExportRequest { Runs = [RunName], Format = spec.Name, Layout = LlamaFactoryLayout.ShareGpt }) },
                ExportFormats.TrlDpo => [("plain", new ExportRequest { Runs = [RunName], Format = spec.Name }), ("conversational", new ExportRequest { Runs = [RunName], Format = spec.Name, Conversational = true })],
                _ => [("", new ExportRequest { Runs = [RunName], Format = spec.Name })],
            };
            foreach (var (variant, request) in variants)
            {
                foreach (var container in spec.Containers)
                {
                    foreach (var metadata in new[] { false, true })
                    {
                        var name = string.Join("-", new[] { DatasetWriterRegistry.KindName(spec.Kind), spec.Name, variant, metadata ? "metadata" : "" }.Where(p => p.Length > 0));
                        yield return (name + ExportContainers.Extension(container), request with { Kind = spec.Kind, Container = container, Metadata = metadata });
                    }
                }
            }
        }
        var messages = new ExportRequest { Runs = [RunName], Kind = ExportKind.Sft, Format = ExportFormats.Messages, Container = ExportContainer.Jsonl, Metadata = true };
        yield return ("sft-messages-metadata-include-rejected.jsonl", messages with { IncludeRejected = true });
        yield return ("sft-messages-metadata-approved-only.jsonl", messages with { ApprovedOnly = true });
        yield return ("dpo-trl-dpo-metadata-include-rejected.jsonl", messages with { Kind = ExportKind.Dpo, Format = ExportFormats.TrlDpo, IncludeRejected = true });
    }

    /// <summary>
    /// The only place output is changed before comparing, and only the report texts (exports are compared exactly as
    /// written, Parquet included: its bytes were checked to be the same run after run). What it replaces differs between
    /// two runs of the same demo whatever the code does: wall-clock timestamps (run created, started, finished; review
    /// recorded) become <c>&lt;time&gt;</c>, and the Verify stage's measured durations ("sandbox 0.1 s") become <c>&lt;seconds&gt;</c>.
    /// </summary>
    public static byte[] Text(string report)
    {
        var normalised = Duration().Replace(Timestamp().Replace(report.ReplaceLineEndings("\n"), "<time>"), "<seconds>");
        return Encoding.UTF8.GetBytes(normalised);
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\b\d+(\.\d+)? s\b")]
    private static partial Regex Duration();

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static void UpdateGoldenFiles(IReadOnlyDictionary<string, byte[]> outputs)
    {
        foreach (var folder in new[] { SourceGoldenFolder(), BuildGoldenFolder() })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            Directory.CreateDirectory(folder);
            foreach (var (name, bytes) in outputs)
            {
                File.WriteAllBytes(Path.Combine(folder, name), bytes);
            }
        }
    }

    /// <summary>Each output equals its golden file; unless <paramref name="allFiles"/>, golden files without an output (reviews.txt for the legacy database) are not required.</summary>
    public static void AssertMatchesGoldenFiles(IReadOnlyDictionary<string, byte[]> outputs, bool allFiles = true)
    {
        var folder = BuildGoldenFolder();
        var golden = Directory.Exists(folder) ? Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList() : [];
        var failures = new List<string>();
        failures.AddRange(outputs.Keys.Except(golden).Select(name => $"{name}: no golden file in AutoIF.Tests/{GoldenFolder} (run with {UpdateVariable}=1 to write it)"));
        failures.AddRange(golden.Except(outputs.Keys).Where(_ => allFiles).Select(name => $"AutoIF.Tests/{GoldenFolder}/{name}: a golden file the test no longer writes"));
        foreach (var (name, actual) in outputs.Where(o => golden.Contains(o.Key)))
        {
            var expected = File.ReadAllBytes(Path.Combine(folder, name));
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                failures.Add($"AutoIF.Tests/{GoldenFolder}/{name}: {FirstDifference(name, expected, actual)}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} output(s) differ from the golden files (run with {UpdateVariable}=1 to rewrite them if the change is intended):\n" + string.Join("\n", failures));
    }

    private static string FirstDifference(string name, byte[] expected, byte[] actual)
    {
        if (name.EndsWith(".parquet", StringComparison.Ordinal))
        {
            var offset = 0;
            while (offset < expected.Length && offset < actual.Length && expected[offset] == actual[offset])
            {
                offset++;
            }
            return Invariant($"bytes differ from offset {offset} (golden {expected.Length} bytes, now {actual.Length})");
        }
        var expectedLines = Encoding.UTF8.GetString(expected).Split('\n');
        var actualLines = Encoding.UTF8.GetString(actual).Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }
        string At(string[] lines) => line < lines.Length ? Excerpt(lines[line], expectedLines.ElementAtOrDefault(line) ?? "", actualLines.ElementAtOrDefault(line) ?? "") : "(end of file)";
        return Invariant($"first difference at line {line + 1}\n  golden: {At(expectedLines)}\n  now:    {At(actualLines)}");
    }

    // A JSON container is one long line: show it from a little before the first differing character.
    private static string Excerpt(string text, string expected, string actual)
    {
        var column = 0;
        while (column < expected.Length && column < actual.Length && expected[column] == actual[column])
        {
            column++;
        }
        var start = Math.Max(0, column - 80);
        var excerpt = text.Substring(start, Math.Min(240, text.Length - start));
        return start == 0 ? excerpt : Invariant($"(from column {start + 1}) …{excerpt}");
    }

    private static string BuildGoldenFolder() => GoldenFiles.BuildPath(GoldenFolder);

    private static string SourceGoldenFolder() => GoldenFiles.SourcePath(GoldenFolder);
}
