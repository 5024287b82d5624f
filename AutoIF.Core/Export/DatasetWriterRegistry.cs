namespace AutoIF.Core.Export;

/// <summary>
/// Maps an export format name (<see cref="ExportFormats"/>), kind and container to its writer, refusing combinations that make no sense
/// with a message that says what to do instead (the page and the CLI show it as is).
/// </summary>
public static class DatasetWriterRegistry
{
    private static readonly ExportContainer[] AllContainers = [ExportContainer.Jsonl, ExportContainer.Json, ExportContainer.Parquet];

    /// <summary>Every accepted format, in the order the page lists them.</summary>
    public static IReadOnlyList<ExportFormatSpec> Formats { get; } =
    [
        new(ExportFormats.Alpaca, ExportKind.Sft, AllContainers, ExportContainer.Json, "LLaMA-Factory alpaca (instruction/input/output)"),
        new(ExportFormats.ShareGpt, ExportKind.Sft, AllContainers, ExportContainer.Json, "LLaMA-Factory sharegpt (conversations from/value)"),
        new(ExportFormats.Messages, ExportKind.Sft, AllContainers, ExportContainer.Jsonl, "TRL / OpenAI chat (messages role/content)"),
        new(ExportFormats.LlamaFactoryDpo, ExportKind.Dpo, AllContainers, ExportContainer.Json, "LLaMA-Factory preference (alpaca or sharegpt layout)"),
        new(ExportFormats.TrlDpo, ExportKind.Dpo, AllContainers, ExportContainer.Jsonl, "TRL preference (prompt/chosen/rejected, plain or conversational)"),
        new(ExportFormats.OpenAiDpo, ExportKind.Dpo, [ExportContainer.Jsonl], ExportContainer.Jsonl, "OpenAI preference fine-tuning (input/preferred_output/non_preferred_output)"),
        new(ExportFormats.ScoresJsonl, ExportKind.Scores, [ExportContainer.Jsonl, ExportContainer.Json], ExportContainer.Jsonl, "Every response with accuracy, verdicts and judge score"),
        new(ExportFormats.AutoIfCrossValidation, ExportKind.Verifiers, [ExportContainer.Jsonl, ExportContainer.Json], ExportContainer.Jsonl,
            "Cross-validated instructions with functions and cases, as the scripts' cross_validation.jsonl"),
        new(ExportFormats.AutoIfBackTrans, ExportKind.Verifiers, [ExportContainer.Jsonl, ExportContainer.Json], ExportContainer.Jsonl,
            "The same plus back-translations and their NLI labels, as the scripts' back_trans.jsonl"),
        new(ExportFormats.Verl, ExportKind.Rl, [ExportContainer.Parquet, ExportContainer.Jsonl], ExportContainer.Parquet,
            "verl RL dataset (data_source, prompt, ability, reward_model, extra_info)"),
        new(ExportFormats.OpenRlhf, ExportKind.Rl, AllContainers, ExportContainer.Jsonl, "OpenRLHF prompts (prompt, label)"),
        new(ExportFormats.TrlPrompts, ExportKind.Rl, AllContainers, ExportContainer.Jsonl, "TRL GRPO prompts (prompt messages, ground_truth)"),
        new(ExportFormats.OpenInstruct, ExportKind.Rl, [ExportContainer.Jsonl, ExportContainer.Parquet], ExportContainer.Jsonl,
            "open-instruct RLVR (messages, ground_truth, dataset)"),
    ];

    /// <summary>Every kind as the CLI, the API and messages spell it.</summary>
    public static string KindNames { get; } = "sft, dpo, scores, verifiers or rl";

    public static IReadOnlyList<ExportFormatSpec> FormatsFor(ExportKind kind) => Formats.Where(f => f.Kind == kind).ToList();

    /// <summary>Parses <c>sft|dpo|scores|verifiers|rl</c>.</summary>
    public static ExportKind ParseKind(string kind) => kind.Trim().ToLowerInvariant() switch
    {
        "sft" => ExportKind.Sft,
        "dpo" => ExportKind.Dpo,
        "scores" => ExportKind.Scores,
        "verifiers" => ExportKind.Verifiers,
        "rl" => ExportKind.Rl,
        _ => throw new ArgumentException($"unknown kind '{kind}'; use {KindNames}", nameof(kind)),
    };

    public static string KindName(ExportKind kind) => kind switch
    {
        ExportKind.Sft => "sft",
        ExportKind.Dpo => "dpo",
        ExportKind.Scores => "scores",
        ExportKind.Verifiers => "verifiers",
        ExportKind.Rl => "rl",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind"),
    };

    /// <summary>
    /// Checks that <paramref name="format"/> exists, belongs to <paramref name="kind"/> and can be written in
    /// <paramref name="container"/> (null: the format's default). Returns the spec and the container to use;
    /// throws <see cref="ArgumentException"/> with a message meant for the user otherwise.
    /// </summary>
    public static (ExportFormatSpec Spec, ExportContainer Container) Resolve(ExportKind kind, string format, ExportContainer? container)
    {
        var name = format.Trim().ToLowerInvariant();
        var spec = Formats.FirstOrDefault(f => f.Name == name)
            ?? throw new ArgumentException($"unknown format '{format}'; use one of {string.Join(", ", FormatsFor(kind).Select(f => f.Name))} for --kind {KindName(kind)}", nameof(format));
        if (spec.Kind != kind)
        {
            var article = spec.Kind switch { ExportKind.Sft => "an SFT", ExportKind.Dpo => "a DPO", ExportKind.Scores => "a scores", ExportKind.Rl => "an RL", _ => "a verifiers" };
            throw new ArgumentException($"format '{spec.Name}' is {article} format; use --kind {KindName(spec.Kind)}", nameof(format));
        }
        var chosen = container ?? spec.DefaultContainer;
        if (!spec.Containers.Contains(chosen))
        {
            throw new ArgumentException(
                $"format '{spec.Name}' cannot be written as {ExportContainers.Name(chosen)}; use --container {string.Join(" or ", spec.Containers.Select(ExportContainers.Name))}",
                nameof(container));
        }
        return (spec, chosen);
    }

    public static IDatasetWriter<SftExample> CreateSft(string format, ExportWriterOptions options)
    {
        var (spec, _) = Resolve(ExportKind.Sft, format, options.Container);
        return spec.Name switch
        {
            ExportFormats.Alpaca => new AlpacaWriter(options),
            ExportFormats.ShareGpt => new ShareGptWriter(options),
            _ => new MessagesWriter(options),
        };
    }

    public static IDatasetWriter<DpoExample> CreateDpo(string format, ExportWriterOptions options)
    {
        var (spec, _) = Resolve(ExportKind.Dpo, format, options.Container);
        return spec.Name switch
        {
            ExportFormats.TrlDpo => new TrlDpoWriter(options),
            ExportFormats.OpenAiDpo => new OpenAiDpoWriter(options),
            _ => new LlamaFactoryDpoWriter(options),
        };
    }

    public static IDatasetWriter<VerifierSetRecord> CreateVerifierSets(string format, ExportWriterOptions options)
    {
        var (spec, _) = Resolve(ExportKind.Verifiers, format, options.Container);
        return new VerifierSetWriter(options, withBackTranslations: spec.Name == ExportFormats.AutoIfBackTrans);
    }

    public static IDatasetWriter<RlPrompt> CreateRl(string format, ExportWriterOptions options)
    {
        var (spec, _) = Resolve(ExportKind.Rl, format, options.Container);
        return new RlPromptWriter(spec.Name, options);
    }

    public static IDatasetWriter<ScoreRecord> CreateScores(string format, ExportWriterOptions options)
    {
        Resolve(ExportKind.Scores, format, options.Container);
        return new ScoresWriter(options);
    }
}
