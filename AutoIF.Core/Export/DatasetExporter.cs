using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;
using System.Runtime.CompilerServices;
using AutoIF.Core.Llm;
using AutoIF.Core.Rewards;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Export;

/// <summary>
/// The one entry point the Export page and the <c>export</c> CLI verb call. Rows stream from
/// <see cref="DatasetRowSource"/> through the in-memory filters (dedup, per-instruction cap, contamination,
/// split) into the writer the request names, page by page, so bytes reach the output as soon as the first page is read.
/// </summary>
/// <param name="rewardOptions">Reward:Questions decides whether the RL export offers soft constraints' prompts (decision 040); off when not given.</param>
public sealed class DatasetExporter(IDbContextFactory<AutoIfDbContext> contexts, Microsoft.Extensions.Options.IOptions<Rewards.RewardOptions>? rewardOptions = null)
{
    private readonly DatasetRowSource _source = new(contexts, rewardOptions?.Value.Questions ?? false);

    /// <summary>Checks kind, format and container; throws <see cref="ArgumentException"/> with a user-facing message. Call before starting a download.</summary>
    public static ExportContainer Validate(ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ValidationSplit is < 0 or > 1 || double.IsNaN(request.ValidationSplit))
        {
            throw new ArgumentException("--validation-split must be between 0 and 1");
        }
        if (request.MaxPerInstruction is < 1)
        {
            throw new ArgumentException("--max-per-instruction must be at least 1");
        }
        if (request.Kind == ExportKind.Rl)
        {
            ValidateRl(request);
        }
        return DatasetWriterRegistry.Resolve(request.Kind, request.Format, request.Container).Container;
    }

    /// <summary>Writes one file (the requested split) to <paramref name="output"/>.</summary>
    public async Task<ExportResult> ExportAsync(ExportRequest request, Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var container = Validate(request);
        var options = request.WriterOptions(container);
        var (checker, scan) = await ContaminationAsync(request, cancellationToken);
        var splits = new SplitAssigner(request.ValidationSplit, request.Seed);
        long rows = request.Kind switch
        {
            ExportKind.Sft => await DatasetWriterRegistry.CreateSft(request.Format, options)
                .WriteAsync(InSplit(Filter(_source.SftAsync(request, cancellationToken), request, checker, scan), splits, request.Split), output, progress, cancellationToken),
            ExportKind.Dpo => await DatasetWriterRegistry.CreateDpo(request.Format, options)
                .WriteAsync(InSplit(Filter(_source.DpoAsync(request, cancellationToken), request, checker, scan), splits, request.Split), output, progress, cancellationToken),
            ExportKind.Verifiers => await DatasetWriterRegistry.CreateVerifierSets(request.Format, options)
                .WriteAsync(InSplit(Filter(_source.VerifierSetsAsync(request, cancellationToken), request, checker, scan), splits, request.Split), output, progress, cancellationToken),
            ExportKind.Rl => await DatasetWriterRegistry.CreateRl(request.Format, options)
                .WriteAsync(InSplit(Numbered(Filter(_source.RlPromptsAsync(request, cancellationToken), request, checker, scan), cancellationToken), splits, request.Split), output, progress, cancellationToken),
            _ => await DatasetWriterRegistry.CreateScores(request.Format, options)
                .WriteAsync(InSplit(Filter(_source.ScoresAsync(request, cancellationToken), request, checker, scan), splits, request.Split), output, progress, cancellationToken),
        };
        return new ExportResult(rows, request.Format, container, scan?.Report());
    }

    /// <summary>
    /// Writes a zip bundle (data per split, README.md dataset card, dataset_info.json, provenance.jsonl).
    /// <paramref name="card"/> carries what only the caller knows (funnel counts, models, templates, settings);
    /// see <see cref="DescribeAsync"/> for one filled from the database.
    /// </summary>
    public async Task<ExportBundleResult> ExportBundleAsync(ExportRequest request, DatasetCardInfo card, Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var container = Validate(request);
        var options = request.WriterOptions(container);
        card = card with { WriterOptions = options, Kind = request.Kind, Format = request.Format, SystemPrompt = request.System };
        var (checker, scan) = await ContaminationAsync(request, cancellationToken);
        var splits = new SplitAssigner(request.ValidationSplit, request.Seed);
        return request.Kind switch
        {
            ExportKind.Sft => await ExportBundleWriter.WriteAsync(Filter(_source.SftAsync(request, cancellationToken), request, checker, scan), DatasetWriterRegistry.CreateSft(request.Format, options), splits, card, output, scan, null, progress, cancellationToken),
            ExportKind.Dpo => await ExportBundleWriter.WriteAsync(Filter(_source.DpoAsync(request, cancellationToken), request, checker, scan), DatasetWriterRegistry.CreateDpo(request.Format, options), splits, card, output, scan, null, progress, cancellationToken),
            ExportKind.Verifiers => await ExportBundleWriter.WriteAsync(Filter(_source.VerifierSetsAsync(request, cancellationToken), request, checker, scan), DatasetWriterRegistry.CreateVerifierSets(request.Format, options), splits, card, output, scan, null, progress, cancellationToken),
            ExportKind.Rl => await ExportBundleWriter.WriteAsync(Numbered(Filter(_source.RlPromptsAsync(request, cancellationToken), request, checker, scan), cancellationToken), DatasetWriterRegistry.CreateRl(request.Format, options), splits, card, output, scan,
                RewardClientScripts.Names.ToDictionary(name => "reward/" + name, RewardClientScripts.Read), progress, cancellationToken),
            _ => await ExportBundleWriter.WriteAsync(Filter(_source.ScoresAsync(request, cancellationToken), request, checker, scan), DatasetWriterRegistry.CreateScores(request.Format, options), splits, card, output, scan, null, progress, cancellationToken),
        };
    }

    /// <summary>
    /// A dataset card filled from the database for the request's runs: funnel counts (instructions, verifiers,
    /// responses, judged responses, DPO pairs), models seen in the call log, template hashes and run settings.
    /// </summary>
    public async Task<DatasetCardInfo> DescribeAsync(ExportRequest request, string datasetName, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var container = Validate(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runIds = (await DatasetRowSource.ResolveRunsAsync(db, request.Runs, cancellationToken)).Keys.ToList();
        var runs = await db.Runs.AsNoTracking().Where(r => runIds.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var models = await db.LlmCalls.AsNoTracking().Where(c => c.RunId != null && runIds.Contains(c.RunId.Value))
            .Select(c => new { c.RunId, c.Role, c.Model }).Distinct().ToListAsync(cancellationToken);
        var cardRuns = runs.Select(r => new DatasetCardRun(
            r.Name,
            r.IsDemo,
            models.Where(m => m.RunId == r.Id).GroupBy(m => m.Role.ToString().ToLowerInvariant())
                .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(m => m.Model).Order(StringComparer.Ordinal))),
            TemplateManifest.Parse(r.TemplatesJson),
            RunSettingsEditor.Describe(r.Settings))).ToList();

        async Task<StageCount> Count<T>(string stage, IQueryable<T> all, System.Linq.Expressions.Expression<Func<T, bool>> kept) =>
            new(stage, await all.LongCountAsync(cancellationToken), await all.Where(kept).LongCountAsync(cancellationToken));
        var funnel = new List<StageCount>
        {
            await Count("instructions", db.Instructions.Where(i => runIds.Contains(i.RunId)), EffectiveStatus.Is<Instruction>(ItemStatus.Kept)),
            await Count("verifiers", db.Verifiers.Where(v => runIds.Contains(v.RunId)), EffectiveStatus.Is<Verifier>(ItemStatus.Kept)),
            await Count("responses (verify + judge)", db.Responses.Where(r => runIds.Contains(r.RunId)), EffectiveStatus.Is<Response>(ItemStatus.Kept)),
            await Count("judged responses (score ≥ min)", db.Responses.Where(r => runIds.Contains(r.RunId) && r.JudgeScore != null), r => r.Status == ItemStatus.Kept),
        };
        var pairs = db.WithSides(db.DpoPairs.Where(p => runIds.Contains(p.RunId)));
        funnel.Add(new StageCount("dpo pairs", await pairs.LongCountAsync(cancellationToken), await pairs.LongCountAsync(PairQueries.Kept, cancellationToken)));
        var softLeftOut = request.Kind == ExportKind.Rl ? await _source.SoftPromptsLeftOutAsync(request, cancellationToken) : null;
        return new DatasetCardInfo(datasetName, request.Kind, request.Format, request.WriterOptions(container), cardRuns, funnel, request.DescribeFilters(), now, request.System)
        {
            SoftPromptsLeftOut = softLeftOut,
        };
    }

    /// <summary>Rows the request selects, before any writer: for previews and counts.</summary>
    public IAsyncEnumerable<SftExample> SftRows(ExportRequest request, CancellationToken cancellationToken = default) => Filter(_source.SftAsync(request, cancellationToken), request, null, null);

    /// <inheritdoc cref="SftRows"/>
    public IAsyncEnumerable<DpoExample> DpoRows(ExportRequest request, CancellationToken cancellationToken = default) => Filter(_source.DpoAsync(request, cancellationToken), request, null, null);

    /// <inheritdoc cref="SftRows"/>
    public IAsyncEnumerable<RlPrompt> RlRows(ExportRequest request, CancellationToken cancellationToken = default) => Numbered(Filter(_source.RlPromptsAsync(request, cancellationToken), request, null, null), cancellationToken);

    /// <inheritdoc cref="SftRows"/>
    public IAsyncEnumerable<ScoreRecord> ScoreRows(ExportRequest request, CancellationToken cancellationToken = default) => Filter(_source.ScoresAsync(request, cancellationToken), request, null, null);

    /// <summary>
    /// What an RL prompt set cannot honour, refused by name: its rows are prompts, with no response to judge or score; the
    /// reward service never scores with a rejected instruction's verifiers; openrlhf's prompt is a string and open-instruct
    /// takes a lone message as the prompt, so neither carries a system prompt.
    /// </summary>
    private static void ValidateRl(ExportRequest request)
    {
        if (request.MinJudgeScore is not null || request.MinAccuracy is not null)
        {
            var flag = request.MinJudgeScore is not null ? "--min-judge-score" : "--min-accuracy";
            throw new ArgumentException($"{flag} does not apply to --kind rl: its rows are prompts, with no response to judge or score");
        }
        if (request.IncludeRejected)
        {
            throw new ArgumentException("--include-rejected does not apply to --kind rl: the reward service never scores with the verifiers of an instruction a human rejected");
        }
        var format = request.Format.Trim().ToLowerInvariant();
        if (request.System is not null && format is ExportFormats.OpenRlhf or ExportFormats.OpenInstruct)
        {
            throw new ArgumentException($"--system does not apply to --format {format} (its prompt is one user turn); use --format trl or verl, whose prompts are message lists");
        }
    }

    /// <summary>Each row's <see cref="RlPrompt.Index"/>: its position after the filters, before the split.</summary>
    private static async IAsyncEnumerable<RlPrompt> Numbered(IAsyncEnumerable<RlPrompt> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long index = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row with { Index = index++ };
        }
    }

    /// <summary>With a benchmark: the checker, and a scan that already knows which of the runs' instructions match it.</summary>
    private async Task<(ContaminationChecker? Checker, ContaminationScan? Scan)> ContaminationAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        if (request.Benchmark is null)
        {
            return (null, null);
        }
        var checker = await ContaminationChecker.LoadAsync(request.Benchmark, request.BenchmarkField, cancellationToken);
        var instructions = await checker.CheckInstructionsAsync(_source.InstructionTextsAsync(request, cancellationToken), cancellationToken);
        return (checker, new ContaminationScan(checker, instructions));
    }

    private static IAsyncEnumerable<TRow> Filter<TRow>(IAsyncEnumerable<TRow> rows, ExportRequest request, ContaminationChecker? checker, ContaminationScan? scan)
        where TRow : IExportRow
    {
        if (request.DedupPrompts)
        {
            rows = rows.DistinctPrompts();
        }
        if (request.MaxPerInstruction is { } max)
        {
            rows = rows.MaxPerInstruction(max);
        }
        if (checker is not null && scan is not null)
        {
            rows = checker.ScanAsync(rows, scan, request.DropContaminated);
        }
        return rows;
    }

    private static IAsyncEnumerable<TRow> InSplit<TRow>(IAsyncEnumerable<TRow> rows, SplitAssigner splits, DatasetSplit split)
        where TRow : IExportRow =>
        splits.HasValidation ? rows.InSplit(splits, split) : rows;
}
