using System.Globalization;

namespace AutoIF.Core.Export;

/// <summary>
/// One export as the page or <c>AutoIF.Web export ...</c> asks for it. Property names match the CLI flags
/// (<c>MinJudgeScore</c> ↔ <c>--min-judge-score</c>); <see cref="DescribeFilters"/> spells them that way for the dataset card.
/// </summary>
public sealed record ExportRequest
{
    /// <summary><c>--run NAME</c>, repeatable: the runs whose rows are exported.</summary>
    public required IReadOnlyList<string> Runs { get; init; }

    /// <summary><c>--kind sft|dpo|scores</c>.</summary>
    public ExportKind Kind { get; init; }

    /// <summary><c>--format</c>: alpaca, sharegpt, messages, trl-dpo, openai-dpo, llamafactory-dpo or jsonl (scores).</summary>
    public required string Format { get; init; }

    /// <summary><c>--container jsonl|json|parquet</c>; null: the format's default (see <see cref="DatasetWriterRegistry.Formats"/>).</summary>
    public ExportContainer? Container { get; init; }

    /// <summary><c>--metadata</c>: add a provenance <c>metadata</c> object to each row.</summary>
    public bool Metadata { get; init; }

    /// <summary><c>--conversational</c> (trl-dpo): message lists instead of strings.</summary>
    public bool Conversational { get; init; }

    /// <summary><c>--layout alpaca|sharegpt</c> (llamafactory-dpo).</summary>
    public LlamaFactoryLayout Layout { get; init; } = LlamaFactoryLayout.Alpaca;

    /// <summary>
    /// <c>--include-reasoning</c> (SFT): a response with stored reasoning is written as
    /// <c>&lt;think&gt;\n{reasoning}\n&lt;/think&gt;\n\n{answer}</c> (<see cref="Rewards.ModelAnswer.WithReasoning"/>) instead of the answer alone.
    /// </summary>
    public bool IncludeReasoning { get; init; }

    /// <summary><c>--system TEXT</c>: a system prompt put on every row.</summary>
    public string? System { get; init; }

    /// <summary><c>--min-judge-score N</c>: the response (DPO: the chosen response of a query-level pair) scored at least N.</summary>
    public int? MinJudgeScore { get; init; }

    /// <summary><c>--min-accuracy X</c>: the response (DPO: the chosen side) has accuracy at least X.</summary>
    public double? MinAccuracy { get; init; }

    /// <summary><c>--approved-only</c>: only rows whose instruction or response a human approved.</summary>
    public bool ApprovedOnly { get; init; }

    /// <summary><c>--include-rejected</c>: keep rows a human rejected somewhere in the chain (instruction, verifier, response). Off by default.</summary>
    public bool IncludeRejected { get; init; }

    /// <summary><c>--pair-level query|instruction|both</c> (DPO).</summary>
    public PairLevelFilter PairLevel { get; init; } = PairLevelFilter.Both;

    /// <summary><c>--round N</c>: only rows of online round N (0 = the main run); null: all rounds.</summary>
    public int? Round { get; init; }

    /// <summary><c>--dedup-prompts</c>: keep the first row of each distinct prompt.</summary>
    public bool DedupPrompts { get; init; }

    /// <summary><c>--max-per-instruction N</c>: at most N rows per instruction.</summary>
    public int? MaxPerInstruction { get; init; }

    /// <summary><c>--validation-split X</c>: share of prompts (0–1) put in the validation split.</summary>
    public double ValidationSplit { get; init; }

    /// <summary><c>--seed N</c>: seed of the train/validation split.</summary>
    public int Seed { get; init; } = 42;

    /// <summary><c>--split train|validation</c>: which split a single-file export writes when a validation split is asked for.</summary>
    public DatasetSplit Split { get; init; } = DatasetSplit.Train;

    /// <summary><c>--benchmark FILE</c>: JSONL benchmark to check contamination against (prompts by 13-gram overlap, instructions against its sentences).</summary>
    public string? Benchmark { get; init; }

    /// <summary><c>--benchmark-field NAME</c>: the benchmark's prompt field.</summary>
    public string BenchmarkField { get; init; } = "prompt";

    /// <summary><c>--drop-contaminated</c>: leave out rows whose prompt shares a 13-gram with the benchmark or whose instruction matches one of its instructions.</summary>
    public bool DropContaminated { get; init; }

    /// <summary>Rows read from the database per query (keyset page).</summary>
    public int PageSize { get; init; } = 1_000;

    public ExportWriterOptions WriterOptions(ExportContainer container) => new()
    {
        Container = container,
        IncludeMetadata = Metadata,
        Conversational = Conversational,
        Layout = Layout,
    };

    /// <summary>The filters in effect, as CLI flag (without dashes) → value, for the dataset card and the export record.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> DescribeFilters()
    {
        var filters = new List<KeyValuePair<string, string>>
        {
            new("run", string.Join(", ", Runs)),
        };
        void Add(string flag, string value) => filters.Add(new(flag, value));
        if (MinJudgeScore is { } score)
        {
            Add("min-judge-score", score.ToString(CultureInfo.InvariantCulture));
        }
        if (MinAccuracy is { } accuracy)
        {
            Add("min-accuracy", accuracy.ToString(CultureInfo.InvariantCulture));
        }
        if (ApprovedOnly)
        {
            Add("approved-only", "true");
        }
        Add("include-rejected", IncludeRejected ? "true" : "false (human-rejected rows excluded)");
        if (Kind == ExportKind.Sft && IncludeReasoning)
        {
            Add("include-reasoning", "true (a response's reasoning precedes its answer: `<think>` reasoning `</think>` answer)");
        }
        if (Kind == ExportKind.Dpo)
        {
            Add("pair-level", PairLevel.ToString().ToLowerInvariant());
        }
        if (Round is { } round)
        {
            Add("round", round.ToString(CultureInfo.InvariantCulture));
        }
        if (DedupPrompts)
        {
            Add("dedup-prompts", "true");
        }
        if (MaxPerInstruction is { } max)
        {
            Add("max-per-instruction", max.ToString(CultureInfo.InvariantCulture));
        }
        if (ValidationSplit > 0)
        {
            Add("validation-split", ValidationSplit.ToString(CultureInfo.InvariantCulture));
            Add("seed", Seed.ToString(CultureInfo.InvariantCulture));
        }
        if (Benchmark is not null)
        {
            Add("benchmark", Path.GetFileName(Benchmark));
            Add("drop-contaminated", DropContaminated ? "true" : "false");
        }
        return filters;
    }
}
