using System.CommandLine;
using AutoIF.Core.Export;

namespace AutoIF.Web.Cli;

/// <summary><c>export --run NAME --kind sft|dpo|scores|verifiers|rl --format FORMAT --out FILE [filters]</c>, streaming to the file.</summary>
public static class ExportCommand
{
    public static Command Build(IServiceProvider services)
    {
        var runs = new Option<string[]>("--run") { Required = true, Description = "Run(s) to export; repeatable." };
        var kind = new Option<ExportKind>("--kind") { Required = true, Description = "sft, dpo, scores, verifiers or rl." };
        var format = new Option<string>("--format") { Required = true, Description = "alpaca, sharegpt, messages (SFT); trl-dpo, openai-dpo, llamafactory-dpo (DPO); jsonl (scores); autoif-cross-validation, autoif-back-trans (verifiers); verl, openrlhf, trl, open-instruct (rl)." };
        var output = new Option<FileInfo>("--out") { Required = true, Description = "File to write (a .zip writes the bundle: data, dataset card, dataset_info.json, provenance; rl adds the reward clients under reward/)." };
        var container = new Option<ExportContainer?>("--container") { Description = "jsonl, json or parquet (default: the format's own)." };
        var metadata = new Option<bool>("--metadata") { Description = "Add a metadata field with provenance to every row." };
        var conversational = new Option<bool>("--conversational") { Description = "trl-dpo: prompt/chosen/rejected as message lists." };
        var layout = new Option<LlamaFactoryLayout>("--layout") { Description = "llamafactory-dpo: alpaca (default) or sharegpt." };
        var system = new Option<string?>("--system") { Description = "A system prompt for every row." };
        var includeReasoning = new Option<bool>("--include-reasoning") { Description = "SFT: keep a reasoning model's reasoning before the answer as <think>\\n…\\n</think>\\n\\n (left out by default)." };
        var minJudge = new Option<int?>("--min-judge-score");
        var minAccuracy = new Option<double?>("--min-accuracy");
        var approvedOnly = new Option<bool>("--approved-only") { Description = "Only rows a human approved." };
        var includeRejected = new Option<bool>("--include-rejected") { Description = "Keep rows a human rejected (excluded by default)." };
        var level = new Option<PairLevelFilter>("--pair-level") { Description = "DPO: query, instruction or both (default)." };
        var round = new Option<int?>("--round") { Description = "Only this round (0 = main run, N = online round N)." };
        var dedup = new Option<bool>("--dedup-prompts");
        var maxPer = new Option<int?>("--max-per-instruction");
        var validation = new Option<double>("--validation-split") { Description = "Share of rows for the validation split (0–1)." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var split = new Option<DatasetSplit>("--split") { Description = "Which split a single file holds: train (default) or validation." };
        var benchmark = new Option<FileInfo?>("--benchmark") { Description = "JSONL benchmark file (e.g. IFEval input): prompts checked by 13-gram overlap, instructions against its prompts' sentences." };
        var benchmarkField = new Option<string>("--benchmark-field") { DefaultValueFactory = _ => "prompt" };
        var dropContaminated = new Option<bool>("--drop-contaminated") { Description = "Leave out rows whose prompt overlaps the benchmark or whose instruction matches one of its instructions." };

        var command = new Command("export", "Export SFT rows, DPO pairs, per-response scores in the formats trainers read, or the cross-validated verifiers.")
        {
            runs, kind, format, output, container, metadata, conversational, layout, system, minJudge, minAccuracy, approvedOnly, includeRejected,
            level, round, dedup, maxPer, validation, seed, split, benchmark, benchmarkField, dropContaminated, includeReasoning,
        };
        command.SetAction(async (parse, ct) =>
        {
            var target = parse.GetValue(output)!;
            var request = new ExportParameters
            {
                Runs = parse.GetValue(runs)!,
                Kind = parse.GetValue(kind),
                Format = parse.GetValue(format)!,
                Container = parse.GetValue(container),
                Metadata = parse.GetValue(metadata),
                Conversational = parse.GetValue(conversational),
                Layout = parse.GetValue(layout),
                System = parse.GetValue(system),
                IncludeReasoning = parse.GetValue(includeReasoning),
                MinJudgeScore = parse.GetValue(minJudge),
                MinAccuracy = parse.GetValue(minAccuracy),
                ApprovedOnly = parse.GetValue(approvedOnly),
                IncludeRejected = parse.GetValue(includeRejected),
                PairLevel = parse.GetValue(level),
                Round = parse.GetValue(round),
                DedupPrompts = parse.GetValue(dedup),
                MaxPerInstruction = parse.GetValue(maxPer),
                ValidationSplit = parse.GetValue(validation),
                Seed = parse.GetValue(seed),
                Split = parse.GetValue(split),
                Benchmark = parse.GetValue(benchmark)?.FullName,
                BenchmarkField = parse.GetValue(benchmarkField)!,
                DropContaminated = parse.GetValue(dropContaminated),
            }.ToRequest();
            var bundle = target.Extension.Equals(".zip", StringComparison.OrdinalIgnoreCase);
            var (rows, _, contamination) = await services.GetRequiredService<ExportToFile>().WriteAsync(request, target.FullName, bundle, cancellationToken: ct);
            CliConsole.Line($"exported {rows} rows to {target.FullName}");
            foreach (var line in contamination?.SummaryLines() ?? [])
            {
                CliConsole.Line(line);
            }
            return 0;
        });
        return command;
    }
}
