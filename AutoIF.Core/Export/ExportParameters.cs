using System.Globalization;

namespace AutoIF.Core.Export;

/// <summary>
/// An export as its front ends ask for it — the Export page's form, <c>export</c>'s flags, <c>/api/export</c>'s query —
/// turned into the one <see cref="ExportRequest"/> by <see cref="ToRequest"/>, whose messages name the parameter at fault
/// as the CLI and the API spell it (<c>min-judge-score</c>). Settable, so the page binds its fields to it.
/// </summary>
public sealed class ExportParameters
{
    public IReadOnlyCollection<string> Runs { get; set; } = [];

    public ExportKind Kind { get; set; } = ExportKind.Sft;

    public string Format { get; set; } = ExportFormats.Alpaca;

    public ExportContainer? Container { get; set; }

    public bool Metadata { get; set; }

    public bool Conversational { get; set; }

    public LlamaFactoryLayout Layout { get; set; } = LlamaFactoryLayout.Alpaca;

    public string? System { get; set; }

    /// <summary>SFT only: the reasoning kept before the answer (see <see cref="ExportRequest.IncludeReasoning"/>).</summary>
    public bool IncludeReasoning { get; set; }

    public int? MinJudgeScore { get; set; }

    public double? MinAccuracy { get; set; }

    public bool ApprovedOnly { get; set; }

    public bool IncludeRejected { get; set; }

    public PairLevelFilter PairLevel { get; set; } = PairLevelFilter.Both;

    public int? Round { get; set; }

    public bool DedupPrompts { get; set; }

    public int? MaxPerInstruction { get; set; }

    public double ValidationSplit { get; set; }

    public int Seed { get; set; } = 42;

    public DatasetSplit Split { get; set; } = DatasetSplit.Train;

    /// <summary>A file the process running the export can read (the page stages an upload where every instance can).</summary>
    public string? Benchmark { get; set; }

    public string BenchmarkField { get; set; } = "prompt";

    public bool DropContaminated { get; set; }

    /// <summary>A zip bundle (data per split, dataset card, dataset_info.json, provenance) instead of one data file.</summary>
    public bool Bundle { get; set; }

    /// <summary>The format's spec, for the containers a form offers.</summary>
    public ExportFormatSpec? FormatSpec => DatasetWriterRegistry.Formats.FirstOrDefault(f => f.Name == Format);

    /// <summary>
    /// Picks <paramref name="kind"/> with its first format and that format's own container; for RL prompts, clears the
    /// filters that only apply to responses (a form hides them then).
    /// </summary>
    public void ChangeKind(ExportKind kind)
    {
        Kind = kind;
        Format = DatasetWriterRegistry.FormatsFor(kind)[0].Name;
        Container = null;
        if (kind == ExportKind.Rl)
        {
            MinJudgeScore = null;
            MinAccuracy = null;
            IncludeRejected = false;
        }
    }

    /// <summary>The request, validated; <see cref="ArgumentException"/> with a message naming the bad parameter.</summary>
    public ExportRequest ToRequest()
    {
        var runs = Runs.Where(r => !string.IsNullOrWhiteSpace(r)).ToList();
        if (runs.Count == 0)
        {
            throw new ArgumentException("'run' is required: name at least one run.");
        }
        if (string.IsNullOrWhiteSpace(Format))
        {
            throw new ArgumentException("'format' is required.");
        }
        var request = new ExportRequest
        {
            Runs = runs,
            Kind = Kind,
            Format = Format,
            Container = Container,
            Metadata = Metadata,
            Conversational = Conversational,
            Layout = Layout,
            System = string.IsNullOrWhiteSpace(System) ? null : System,
            IncludeReasoning = IncludeReasoning,
            MinJudgeScore = MinJudgeScore,
            MinAccuracy = MinAccuracy,
            ApprovedOnly = ApprovedOnly,
            IncludeRejected = IncludeRejected,
            PairLevel = PairLevel,
            Round = Round,
            DedupPrompts = DedupPrompts,
            MaxPerInstruction = MaxPerInstruction,
            ValidationSplit = ValidationSplit,
            Seed = Seed,
            Split = Split,
            Benchmark = Benchmark,
            BenchmarkField = BenchmarkField,
            DropContaminated = DropContaminated,
        };
        DatasetExporter.Validate(request);
        return request;
    }

    /// <summary>
    /// Parameters given by name as text (<c>/api/export</c>'s query: <c>run</c>, <c>kind</c>, <c>min-judge-score</c> …,
    /// named like the CLI flags). <paramref name="values"/> gives every value of a name, none when absent. A benchmark is not
    /// read this way: it would name a file on the server.
    /// </summary>
    public static ExportParameters Parse(Func<string, IReadOnlyList<string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        string? One(string name) => values(name).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        bool Flag(string name) => One(name) is { } v && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));
        T? Number<T>(string name) where T : struct, IParsable<T> =>
            One(name) is { } v ? T.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"'{name}' must be a number, got '{v}'.") : null;
        TEnum? Choice<TEnum>(string name) where TEnum : struct, Enum =>
            One(name) is { } v ? Enum.TryParse<TEnum>(v.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var e) ? e
                : throw new ArgumentException($"'{name}' must be one of {string.Join(", ", Enum.GetNames<TEnum>()).ToLowerInvariant()}, got '{v}'.") : null;

        var runs = values("run").Where(r => !string.IsNullOrWhiteSpace(r)).ToList();
        if (runs.Count == 0)
        {
            throw new ArgumentException("Name at least one run ('run=NAME').");
        }
        return new ExportParameters
        {
            Runs = runs,
            Kind = DatasetWriterRegistry.ParseKind(One("kind") ?? throw new ArgumentException($"'kind' is required: {DatasetWriterRegistry.KindNames}.")),
            Format = One("format") ?? throw new ArgumentException("'format' is required."),
            Container = Choice<ExportContainer>("container"),
            Metadata = Flag("metadata"),
            Conversational = Flag("conversational"),
            Layout = Choice<LlamaFactoryLayout>("layout") ?? LlamaFactoryLayout.Alpaca,
            System = One("system"),
            IncludeReasoning = Flag("include-reasoning"),
            MinJudgeScore = Number<int>("min-judge-score"),
            MinAccuracy = Number<double>("min-accuracy"),
            ApprovedOnly = Flag("approved-only"),
            IncludeRejected = Flag("include-rejected"),
            PairLevel = Choice<PairLevelFilter>("pair-level") ?? PairLevelFilter.Both,
            Round = Number<int>("round"),
            DedupPrompts = Flag("dedup-prompts"),
            MaxPerInstruction = Number<int>("max-per-instruction"),
            ValidationSplit = Number<double>("validation-split") ?? 0,
            Seed = Number<int>("seed") ?? 42,
            Split = Choice<DatasetSplit>("split") ?? DatasetSplit.Train,
        };
    }

    /// <summary>The query string <see cref="Parse"/> reads back (no benchmark, no bundle: <c>/api/export</c> streams one file).</summary>
    public string ToQueryString()
    {
        var parts = Runs.Select(r => ("run", r)).ToList();
        void Add(string name, object? value)
        {
            if (value is not null && value is not false)
            {
                parts.Add((name, value is true ? "true" : Convert.ToString(value, CultureInfo.InvariantCulture)!.ToLowerInvariant()));
            }
        }
        Add("kind", DatasetWriterRegistry.KindName(Kind));
        Add("format", Format);
        Add("container", Container);
        Add("metadata", Metadata);
        Add("conversational", Conversational);
        Add("layout", Layout == LlamaFactoryLayout.Alpaca ? null : Layout);
        Add("include-reasoning", IncludeReasoning);
        Add("min-judge-score", MinJudgeScore);
        Add("min-accuracy", MinAccuracy);
        Add("approved-only", ApprovedOnly);
        Add("include-rejected", IncludeRejected);
        Add("pair-level", PairLevel == PairLevelFilter.Both ? null : PairLevel);
        Add("round", Round);
        Add("dedup-prompts", DedupPrompts);
        Add("max-per-instruction", MaxPerInstruction);
        Add("validation-split", ValidationSplit == 0 ? null : ValidationSplit);
        Add("seed", Seed == 42 ? null : Seed);
        Add("split", Split == DatasetSplit.Train ? null : Split);
        var query = string.Join("&", parts.Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));
        return string.IsNullOrWhiteSpace(System) ? query : query + "&system=" + Uri.EscapeDataString(System);
    }
}
