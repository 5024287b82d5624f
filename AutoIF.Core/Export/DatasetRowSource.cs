using System.Runtime.CompilerServices;
using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Rewards;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Export;

/// <summary>
/// Streams export rows from the database: untracked projections paged by keyset (<c>Id &gt; last ORDER BY Id LIMIT page</c>),
/// so each page costs one index seek whatever the export's size, and only one page is in memory.
/// Applies the SQL-side filters of <see cref="ExportRequest"/>: runs, minimum judge score and accuracy, human-approved
/// only, human-rejected excluded (a Rejected on the instruction, any of its verifiers, or the response drops the row;
/// an Approved response overrides an automatic Dropped), pair level and round.
/// </summary>
/// <param name="questions">Reward:Questions: the reward service scores soft constraints by their questions, so the RL export offers their prompts (decision 040).</param>
public sealed class DatasetRowSource(IDbContextFactory<AutoIfDbContext> contexts, bool questions = false)
{
    /// <summary>
    /// Added to <c>RunId</c> in the page filter so the database cannot drive the page from the (RunId, …) indexes,
    /// which would visit every earlier row of the run and sort on each page (quadratic); with the run filter
    /// opaque, the page is a primary-key range scan from the last id, linear over the whole export.
    /// </summary>
    private const int NoIndex = 0;

    /// <summary>
    /// SFT rows: kept (or human-approved) responses with their composed prompt; the answer alone, or with
    /// <see cref="ExportRequest.IncludeReasoning"/> the stored reasoning in front of it.
    /// </summary>
    public async IAsyncEnumerable<SftExample> SftAsync(ExportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await ResolveRunsAsync(db, request.Runs, cancellationToken);
        var runIds = runs.Keys.ToList();
        long last = 0;
        while (true)
        {
            var query = ResponsePage(db, request, runIds, last, keptOnly: true);
            var page = await query
                .OrderBy(x => x.Response.Id)
                .Select(x => new
                {
                    x.Response.Id,
                    x.Response.RunId,
                    x.Response.PromptId,
                    x.Response.InstructionId,
                    Response = x.Response.Text,
                    Reasoning = request.IncludeReasoning ? x.Response.Reasoning : null,
                    x.Response.Accuracy,
                    x.Response.JudgeScore,
                    x.Response.Round,
                    IsDemo = x.Response.IsDemo || x.Prompt.IsDemo || x.Instruction.IsDemo,
                    PromptText = x.Prompt.Text,
                    x.Prompt.SourceText,
                    QueryText = x.Query == null ? null : x.Query.Text,
                    InstructionText = x.Instruction.Text,
                })
                .Take(request.PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }
            var further = await PromptConstraintTexts.ForPromptsAsync(db, page.Select(x => (int?)x.PromptId), cancellationToken);
            var verifiers = await KeptVerifiersAsync(db, page.Select(x => x.InstructionId).Concat(further.Values.SelectMany(f => f.Select(c => c.Id))), cancellationToken);
            foreach (var x in page)
            {
                var others = further.GetValueOrDefault(x.PromptId);
                var provenance = new Provenance(runs[x.RunId], x.InstructionId, VerifierIdsOf(verifiers, x.InstructionId, others), x.Accuracy, x.JudgeScore, x.IsDemo, x.Round, null, x.Id,
                    SourcePrompt: x.SourceText, Difficulty: Difficulty(others));
                var response = new ModelAnswer(x.Reasoning, x.Response).WithReasoning();
                yield return new SftExample(Prompt(x.QueryText, x.InstructionText, x.PromptText, others), response, provenance, request.System);
            }
            last = page[^1].Id;
        }
    }

    /// <summary>DPO rows: stored pairs, query level (responses) and instruction level (test cases), those <see cref="PairEffectiveStatus"/> keeps.</summary>
    public async IAsyncEnumerable<DpoExample> DpoAsync(ExportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await ResolveRunsAsync(db, request.Runs, cancellationToken);
        var runIds = runs.Keys.ToList();
        long last = 0;
        while (true)
        {
            var query =
                from d in db.DpoPairs.AsNoTracking()
                where runIds.Contains(d.RunId + NoIndex) && d.Id > last
                join i in db.Instructions on d.InstructionId equals i.Id
                join p in db.ComposedPrompts on d.PromptId equals (int?)p.Id into prompts
                from p in prompts.DefaultIfEmpty()
                join q in db.Queries on p.QueryId equals (int?)q.Id into queries
                from q in queries.DefaultIfEmpty()
                join c in db.Responses on d.ChosenResponseId equals (long?)c.Id into chosen
                from c in chosen.DefaultIfEmpty()
                join x in db.Responses on d.RejectedResponseId equals (long?)x.Id into rejected
                from x in rejected.DefaultIfEmpty()
                join cc in db.TestCases on d.ChosenCaseId equals (int?)cc.Id into chosenCases
                from cc in chosenCases.DefaultIfEmpty()
                join xc in db.TestCases on d.RejectedCaseId equals (int?)xc.Id into rejectedCases
                from xc in rejectedCases.DefaultIfEmpty()
                select new { d, i, p, q, c, x, cc, xc };
            if (request.PairLevel != PairLevelFilter.Both)
            {
                var level = request.PairLevel == PairLevelFilter.Query ? PairLevel.Query : PairLevel.Instruction;
                query = query.Where(y => y.d.Level == level);
            }
            // The pair rule (decision 021): a rejected pair, or a pair one of whose responses a reviewer rejected, is left out.
            query = query.WherePairIs(ItemStatus.Kept, y => y.d, y => y.c, y => y.x, ignoreRejection: request.IncludeRejected);
            if (!request.IncludeRejected)
            {
                query = query.Where(y => y.i.ReviewState != ReviewState.Rejected
                    && !db.Verifiers.Any(v => v.InstructionId == y.d.InstructionId && v.ReviewState == ReviewState.Rejected));
            }
            if (request.ApprovedOnly)
            {
                query = query.Where(y => y.i.ReviewState == ReviewState.Approved || y.d.ReviewState == ReviewState.Approved || (y.c != null && y.c.ReviewState == ReviewState.Approved));
            }
            if (request.MinJudgeScore is { } minScore)
            {
                // Instruction-level pairs contrast test cases, which are never judged: the judge filter applies to query-level pairs.
                query = query.Where(y => y.d.Level == PairLevel.Instruction || (y.c != null && y.c.JudgeScore >= minScore));
            }
            if (request.MinAccuracy is { } minAccuracy)
            {
                query = query.Where(y => y.d.ChosenAccuracy >= minAccuracy);
            }
            if (request.Round is { } round)
            {
                query = query.Where(y => y.d.Round == round);
            }
            var page = await query
                .OrderBy(y => y.d.Id)
                .Select(y => new
                {
                    y.d.Id,
                    y.d.RunId,
                    y.d.PromptId,
                    y.d.InstructionId,
                    y.d.Level,
                    y.d.ChosenResponseId,
                    y.d.RejectedResponseId,
                    y.d.Round,
                    y.d.ChosenAccuracy,
                    y.d.RejectedAccuracy,
                    JudgeScore = y.c == null ? null : y.c.JudgeScore,
                    Chosen = y.c != null ? y.c.Text : y.cc != null ? y.cc.Input : null,
                    Rejected = y.x != null ? y.x.Text : y.xc != null ? y.xc.Input : null,
                    IsDemo = y.i.IsDemo || (y.c != null && y.c.IsDemo) || (y.x != null && y.x.IsDemo),
                    PromptText = y.p == null ? null : y.p.Text,
                    SourceText = y.p == null ? null : y.p.SourceText,
                    QueryText = y.q == null ? null : y.q.Text,
                    InstructionText = y.i.Text,
                })
                .Take(request.PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }
            var further = await PromptConstraintTexts.ForPromptsAsync(db, page.Select(y => y.PromptId), cancellationToken);
            var verifiers = await KeptVerifiersAsync(db, page.Select(y => y.InstructionId).Concat(further.Values.SelectMany(f => f.Select(c => c.Id))), cancellationToken);
            var sideResults = await ConstraintResultsAsync(db,
                page.Where(y => y.PromptId is { } p && further.ContainsKey(p)).SelectMany(y => new[] { y.ChosenResponseId, y.RejectedResponseId }), cancellationToken);
            foreach (var y in page)
            {
                if (y.Chosen is null || y.Rejected is null)
                {
                    // A pair whose side was deleted cannot be trained on.
                    continue;
                }
                var others = y.PromptId is { } promptId ? further.GetValueOrDefault(promptId) : null;
                var constraints = others is null ? null : PairConstraints(sideResults, y.ChosenResponseId, y.RejectedResponseId);
                var provenance = new Provenance(runs[y.RunId], y.InstructionId, VerifierIdsOf(verifiers, y.InstructionId, others), y.ChosenAccuracy, y.JudgeScore, y.IsDemo, y.Round, y.Level, y.Id, y.RejectedAccuracy, y.SourceText,
                    Difficulty(others), constraints);
                yield return new DpoExample(Prompt(y.QueryText, y.InstructionText, y.PromptText, others), y.Chosen, y.Rejected, provenance, request.System);
            }
            last = page[^1].Id;
        }
    }

    /// <summary>Scores rows: every response (kept or not) with its verdicts, for analysis.</summary>
    public async IAsyncEnumerable<ScoreRecord> ScoresAsync(ExportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await ResolveRunsAsync(db, request.Runs, cancellationToken);
        var runIds = runs.Keys.ToList();
        // A run with question verifiers names each verdict's kind (decision 034); a code-only run's rows stay as they were.
        var questionRuns = (await db.Verifiers.AsNoTracking().Where(v => runIds.Contains(v.RunId) && v.Kind == VerifierKind.LlmQuestion)
            .Select(v => v.RunId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        long last = 0;
        while (true)
        {
            var query = ResponsePage(db, request, runIds, last, keptOnly: false);
            var page = await query
                .OrderBy(x => x.Response.Id)
                .Select(x => new
                {
                    x.Response.Id,
                    x.Response.RunId,
                    x.Response.PromptId,
                    x.Response.InstructionId,
                    Response = x.Response.Text,
                    x.Response.Accuracy,
                    x.Response.JudgeScore,
                    PromptText = x.Prompt.Text,
                    QueryText = x.Query == null ? null : x.Query.Text,
                    InstructionText = x.Instruction.Text,
                })
                .Take(request.PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }
            var ids = page.Select(x => x.Id).ToList();
            // The current versions' verdicts: a version an edit replaced keeps its verdicts for the diff, not for exports (decision 026).
            var superseded = DropReasons.Superseded.Code;
            var verdictRows = await db.Verdicts.AsNoTracking()
                .Where(v => ids.Contains(v.ResponseId))
                .Join(db.Verifiers.Where(f => f.DropReasonCode == null || f.DropReasonCode != superseded), v => v.VerifierId, f => f.Id,
                    (v, f) => new { v.ResponseId, v.VerifierId, v.Kind, v.Detail, f.Version, f.InstructionId, VerifierKind = f.Kind, f.RunId })
                .ToListAsync(cancellationToken);
            var verdicts = verdictRows.GroupBy(v => v.ResponseId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<VerdictEntry>)g.OrderBy(v => v.VerifierId).Select(v => new VerdictEntry(v.VerifierId, v.Kind, v.Detail, v.Version, questionRuns.Contains(v.RunId) ? v.VerifierKind : null)).ToList());
            var further = await PromptConstraintTexts.ForPromptsAsync(db, page.Select(x => (int?)x.PromptId), cancellationToken);
            var constraintResults = await ConstraintResultsAsync(db, page.Where(x => further.ContainsKey(x.PromptId)).Select(x => (long?)x.Id), cancellationToken);
            var verifierInstruction = verdictRows.Select(v => (v.VerifierId, v.InstructionId)).Distinct().ToDictionary(v => v.VerifierId, v => v.InstructionId);
            foreach (var x in page)
            {
                var others = further.GetValueOrDefault(x.PromptId);
                IReadOnlyList<ConstraintEntry>? constraints = null;
                if (others is not null && constraintResults.TryGetValue(x.Id, out var results))
                {
                    var texts = others.Prepend((x.InstructionId, x.InstructionText)).ToDictionary(c => c.Item1, c => c.Item2);
                    var own = verdicts.GetValueOrDefault(x.Id, []);
                    constraints = [.. results.Select(r => new ConstraintEntry(r.InstructionId, texts.GetValueOrDefault(r.InstructionId, ""), r.Accuracy, r.Passed,
                        [.. own.Where(v => verifierInstruction.GetValueOrDefault(v.VerifierId) == r.InstructionId)]))];
                }
                yield return new ScoreRecord(runs[x.RunId], x.InstructionId, x.InstructionText, Prompt(x.QueryText, x.InstructionText, x.PromptText, others), x.Response, x.Accuracy,
                    verdicts.GetValueOrDefault(x.Id, []), x.JudgeScore, x.Id, constraints);
            }
            last = page[^1].Id;
        }
    }

    /// <summary>
    /// RL rows: every composed prompt whose instruction is kept and has a verifier the reward service scores with
    /// (<see cref="RewardVerifierQuery.Scoring(AutoIfDbContext, bool)"/>, which also leaves out instructions a human
    /// rejected; soft constraints' questions only under Reward:Questions), labelled for the service.
    /// </summary>
    public async IAsyncEnumerable<RlPrompt> RlPromptsAsync(ExportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await ResolveRunsAsync(db, request.Runs, cancellationToken);
        var runIds = runs.Keys.ToList();
        var scoring = RewardVerifierQuery.Scoring(db, questions);
        var instructions = db.Instructions.Where(EffectiveStatus.Is<Instruction>(ItemStatus.Kept));
        if (request.ApprovedOnly)
        {
            instructions = instructions.Where(i => i.ReviewState == ReviewState.Approved);
        }
        var last = 0;
        while (true)
        {
            var query =
                from p in db.ComposedPrompts.AsNoTracking()
                where runIds.Contains(p.RunId + NoIndex) && p.Id > last && scoring.Any(v => v.InstructionId == p.InstructionId)
                join i in instructions on p.InstructionId equals i.Id
                join q in db.Queries on p.QueryId equals (int?)q.Id into queries
                from q in queries.DefaultIfEmpty()
                select new { p, i, q };
            if (request.Round is { } round)
            {
                query = query.Where(x => x.p.Round == round);
            }
            var page = await query
                .OrderBy(x => x.p.Id)
                .Select(x => new
                {
                    x.p.Id,
                    x.p.RunId,
                    x.p.InstructionId,
                    x.p.Round,
                    IsDemo = x.p.IsDemo || x.i.IsDemo,
                    PromptText = x.p.Text,
                    x.p.SourceText,
                    QueryText = x.q == null ? null : x.q.Text,
                    InstructionText = x.i.Text,
                })
                .Take(request.PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }
            var further = await PromptConstraintTexts.ForPromptsAsync(db, page.Select(x => (int?)x.Id), cancellationToken);
            var verifiers = await VerifierIdsAsync(scoring, page.Select(x => x.InstructionId).Concat(further.Values.SelectMany(f => f.Select(c => c.Id))), cancellationToken);
            foreach (var x in page)
            {
                var others = further.GetValueOrDefault(x.Id);
                var provenance = new Provenance(runs[x.RunId], x.InstructionId, VerifierIdsOf(verifiers, x.InstructionId, others), null, null, x.IsDemo, x.Round, null, x.Id,
                    SourcePrompt: x.SourceText, Difficulty: Difficulty(others));
                // Every constraint the prompt carries, the lead first: the reward service scores each.
                var label = new RewardLabel(runs[x.RunId], x.Id, [x.InstructionId, .. (others ?? []).Select(o => o.Id)]);
                yield return new RlPrompt(Prompt(x.QueryText, x.InstructionText, x.PromptText, others), label, provenance, request.System);
            }
            last = page[^1].Id;
        }
    }

    /// <summary>
    /// Without Reward:Questions: the request's prompts (of kept instructions, in its round) left out of the RL export only
    /// because their instruction is soft — checked by questions alone, which the reward service then does not ask. Null
    /// with Reward:Questions, when they are offered.
    /// </summary>
    public async Task<long?> SoftPromptsLeftOutAsync(ExportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (questions)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runIds = (await ResolveRunsAsync(db, request.Runs, cancellationToken)).Keys.ToList();
        var soft = RewardVerifierQuery.SoftOnly(db);
        var instructions = db.Instructions.Where(EffectiveStatus.Is<Instruction>(ItemStatus.Kept));
        if (request.ApprovedOnly)
        {
            instructions = instructions.Where(i => i.ReviewState == ReviewState.Approved);
        }
        var prompts = db.ComposedPrompts.Where(p => runIds.Contains(p.RunId) && soft.Any(v => v.InstructionId == p.InstructionId) && instructions.Any(i => i.Id == p.InstructionId));
        if (request.Round is { } round)
        {
            prompts = prompts.Where(p => p.Round == round);
        }
        return await prompts.LongCountAsync(cancellationToken);
    }

    /// <summary>Every instruction of the request's runs, id and text, streamed: what the instruction contamination check reads.</summary>
    public async IAsyncEnumerable<(int Id, string Text)> InstructionTextsAsync(ExportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runIds = (await ResolveRunsAsync(db, request.Runs, cancellationToken)).Keys.ToList();
        await foreach (var instruction in db.Instructions.AsNoTracking().Where(i => runIds.Contains(i.RunId)).OrderBy(i => i.Id)
                           .Select(i => new { i.Id, i.Text }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return (instruction.Id, instruction.Text);
        }
    }

    /// <summary>
    /// Verifiers rows: each instruction that passed cross-validation — kept, or still pending the later stages (as after
    /// <c>verify</c> on an imported file) — with its kept functions, kept cases and back-translations. Human decisions
    /// win as everywhere: a rejected instruction is left out (unless IncludeRejected), a rejected function is never
    /// listed and an approved one always is; ApprovedOnly keeps approved instructions.
    /// </summary>
    public async IAsyncEnumerable<VerifierSetRecord> VerifierSetsAsync(ExportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await ResolveRunsAsync(db, request.Runs, cancellationToken);
        var runIds = runs.Keys.ToList();
        var keptVerifiers = db.Verifiers.Where(EffectiveStatus.Is<Verifier>(ItemStatus.Kept));
        var instructions = db.Instructions.AsNoTracking().Where(i => runIds.Contains(i.RunId + NoIndex) && keptVerifiers.Any(v => v.InstructionId == i.Id))
            .Where(EffectiveStatus.IsNot((Instruction i) => i, ItemStatus.Dropped, ignoreRejection: true));
        if (!request.IncludeRejected)
        {
            instructions = instructions.Where(i => i.ReviewState != ReviewState.Rejected);
        }
        if (request.ApprovedOnly)
        {
            instructions = instructions.Where(i => i.ReviewState == ReviewState.Approved);
        }
        var last = 0;
        while (true)
        {
            var after = last;
            var page = await instructions.Where(i => i.Id > after).OrderBy(i => i.Id).Select(i => new { i.Id, i.RunId, i.Text }).Take(request.PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }
            var ids = page.Select(i => i.Id).ToList();
            var kept = await keptVerifiers.AsNoTracking().Where(v => ids.Contains(v.InstructionId)).OrderBy(v => v.Id)
                    .Select(v => new { v.InstructionId, v.Id, v.Source, v.CaseAccuracy, v.Kind }).ToListAsync(cancellationToken);
            var functions = kept.Where(v => v.Kind == VerifierKind.Python).ToLookup(v => v.InstructionId, v => new VerifierSetFunction(v.Id, v.Source, v.CaseAccuracy ?? 0));
            var questions = kept.Where(v => v.Kind == VerifierKind.LlmQuestion).ToLookup(v => v.InstructionId, v => new VerifierSetFunction(v.Id, v.Source, v.CaseAccuracy ?? 0));
            var cases = (await db.TestCases.AsNoTracking().Where(c => ids.Contains(c.InstructionId) && c.Status == ItemStatus.Kept).OrderBy(c => c.Id)
                    .Select(c => new { c.InstructionId, c.Input, c.Expected, c.ExpectedJson }).ToListAsync(cancellationToken))
                .ToLookup(c => c.InstructionId, c => new VerifierSetCase(c.Input, c.Expected, c.ExpectedJson));
            var backTranslations = (await db.BackTranslations.AsNoTracking().Where(b => ids.Contains(b.InstructionId)).OrderBy(b => b.Id)
                    .Select(b => new { b.InstructionId, b.Text, b.Label }).ToListAsync(cancellationToken))
                .ToLookup(b => b.InstructionId, b => new VerifierSetBackTranslation(b.Text, b.Label.ToString().ToLowerInvariant()));
            foreach (var instruction in page)
            {
                yield return new VerifierSetRecord(runs[instruction.RunId], instruction.Id, instruction.Text,
                    [.. functions[instruction.Id]], [.. cases[instruction.Id]], [.. backTranslations[instruction.Id]]) { Questions = [.. questions[instruction.Id]] };
            }
            last = page[^1].Id;
        }
    }

    /// <summary>
    /// Responses after <paramref name="last"/> with their prompt, instruction and query, filtered as the request says.
    /// Human decisions win: a rejection anywhere in the chain excludes the row, an approval admits a dropped response.
    /// </summary>
    private static IQueryable<ResponseJoin> ResponsePage(AutoIfDbContext db, ExportRequest request, ICollection<int> runIds, long last, bool keptOnly)
    {
        var query =
            from r in db.Responses.AsNoTracking()
            where runIds.Contains(r.RunId + NoIndex) && r.Id > last
            join p in db.ComposedPrompts on r.PromptId equals p.Id
            join i in db.Instructions on r.InstructionId equals i.Id
            join q in db.Queries on p.QueryId equals (int?)q.Id into queries
            from q in queries.DefaultIfEmpty()
            select new ResponseJoin { Response = r, Prompt = p, Instruction = i, Query = q };
        if (keptOnly)
        {
            // Rejections are applied below, with the rest of the chain, unless the request includes them.
            query = query.Where(EffectiveStatus.Is((ResponseJoin x) => x.Response, ItemStatus.Kept, ignoreRejection: true));
        }
        if (!request.IncludeRejected)
        {
            query = query.Where(x => x.Response.ReviewState != ReviewState.Rejected
                && x.Instruction.ReviewState != ReviewState.Rejected
                && !db.Verifiers.Any(v => v.InstructionId == x.Response.InstructionId && v.ReviewState == ReviewState.Rejected));
        }
        if (request.ApprovedOnly)
        {
            query = query.Where(x => x.Instruction.ReviewState == ReviewState.Approved || x.Response.ReviewState == ReviewState.Approved);
        }
        if (request.MinJudgeScore is { } minScore)
        {
            query = query.Where(x => x.Response.JudgeScore >= minScore);
        }
        if (request.MinAccuracy is { } minAccuracy)
        {
            query = query.Where(x => x.Response.Accuracy >= minAccuracy);
        }
        if (request.Round is { } round)
        {
            query = query.Where(x => x.Response.Round == round);
        }
        return query;
    }

    // Named, not anonymous, so the shared filters can be written once.
    private sealed class ResponseJoin
    {
        public required Response Response { get; init; }
        public required ComposedPrompt Prompt { get; init; }
        public required Instruction Instruction { get; init; }
        public Query? Query { get; init; }
    }

    /// <summary>
    /// Query + instruction (and the prompt's further instructions, when it carries several) through <see cref="PromptComposer"/>;
    /// a prompt with no query is the stored text, or the instruction for instruction-level pairs.
    /// </summary>
    private static string Prompt(string? query, string instruction, string? storedPrompt, IReadOnlyList<(int Id, string Text)>? further = null) =>
        query is not null
            ? further is null ? PromptComposer.Compose(query, instruction) : PromptComposer.Compose(query, [instruction, .. further.Select(f => f.Text)])
            : PromptComposer.CapitaliseFirstWord((storedPrompt ?? instruction).Trim());

    /// <summary>k for a prompt with further instructions; null (left out of provenance) for a single-instruction prompt.</summary>
    private static int? Difficulty(IReadOnlyList<(int Id, string Text)>? further) => further is null ? null : further.Count + 1;

    /// <summary>The verifier ids of the lead instruction, and of the further ones when the prompt carries several.</summary>
    private static IReadOnlyList<int> VerifierIdsOf(Dictionary<int, IReadOnlyList<int>> verifiers, int lead, IReadOnlyList<(int Id, string Text)>? further) =>
        further is null
            ? verifiers.GetValueOrDefault(lead, [])
            : [.. further.Select(f => f.Id).Prepend(lead).SelectMany(i => verifiers.GetValueOrDefault(i, [])).Order()];

    /// <summary>Response id → its per-constraint results in constraint order (only responses of multi-constraint prompts have any).</summary>
    private static async Task<Dictionary<long, List<ConstraintResult>>> ConstraintResultsAsync(AutoIfDbContext db, IEnumerable<long?> responseIds, CancellationToken cancellationToken)
    {
        var ids = responseIds.OfType<long>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        return (await db.ConstraintResults.AsNoTracking().Where(c => ids.Contains(c.ResponseId)).ToListAsync(cancellationToken))
            .GroupBy(c => c.ResponseId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Position).ToList());
    }

    private static List<PairConstraintResult>? PairConstraints(Dictionary<long, List<ConstraintResult>> results, long? chosen, long? rejected)
    {
        if (chosen is not { } c || rejected is not { } r || !results.TryGetValue(c, out var chosenResults) || !results.TryGetValue(r, out var rejectedResults))
        {
            return null;
        }
        return [.. chosenResults.Join(rejectedResults, x => x.Position, x => x.Position,
            (x, y) => new PairConstraintResult(x.InstructionId, x.Accuracy, x.Passed, y.Accuracy, y.Passed))];
    }

    /// <summary>Run id → name for the requested names; an unknown name is refused by name.</summary>
    internal static async Task<Dictionary<int, string>> ResolveRunsAsync(AutoIfDbContext db, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            throw new ArgumentException("no run given; use --run NAME", nameof(names));
        }
        var found = await db.Runs.AsNoTracking().Where(r => names.Contains(r.Name)).Select(r => new { r.Id, r.Name }).ToListAsync(cancellationToken);
        var missing = names.Except(found.Select(r => r.Name), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"unknown run '{missing[0]}'", nameof(names));
        }
        return found.ToDictionary(r => r.Id, r => r.Name);
    }

    private static Task<Dictionary<int, IReadOnlyList<int>>> KeptVerifiersAsync(AutoIfDbContext db, IEnumerable<int> instructionIds, CancellationToken cancellationToken) =>
        VerifierIdsAsync(db.Verifiers.Where(EffectiveStatus.Is<Verifier>(ItemStatus.Kept)), instructionIds, cancellationToken);

    /// <summary>Instruction id → the ids of its verifiers in <paramref name="verifiers"/>, ascending.</summary>
    private static async Task<Dictionary<int, IReadOnlyList<int>>> VerifierIdsAsync(IQueryable<Verifier> verifiers, IEnumerable<int> instructionIds, CancellationToken cancellationToken)
    {
        var ids = instructionIds.Distinct().ToList();
        var rows = await verifiers.AsNoTracking()
            .Where(v => ids.Contains(v.InstructionId))
            .Select(v => new { v.InstructionId, v.Id })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(v => v.InstructionId).ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.Select(v => v.Id).Order().ToList());
    }
}
