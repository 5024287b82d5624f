using AutoIF.Core.Pipeline;
using AutoIF.Core.Rewards;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Import;

/// <summary>
/// Stores merged instructions in batches inside the caller's transaction: parents are saved before children so
/// generated ids exist, the change tracker is cleared between batches, and every row the run already holds (by the
/// same keys as the unique indexes) is skipped and counted, which makes a re-import add nothing. A prompt that came as
/// the scripts' wrapper is stored as a run of ours composes it, from its query (a query of the run) and instruction,
/// with the file's text kept in <see cref="ComposedPrompt.SourceText"/>.
/// </summary>
internal static class ReferenceWriter
{
    private const int InstructionsPerBatch = 200;
    private const int ResponsesPerStatement = 2000;

    public static async Task WriteAsync(
        AutoIfDbContext db, int runId, ReferenceProfile profile, IReadOnlyList<MergedInstruction> instructions,
        string fileName, DateTimeOffset now, ImportTally tally, CancellationToken cancellationToken)
    {
        var queryIds = await WriteQueriesAsync(db, runId, instructions, fileName, tally, cancellationToken);
        db.ChangeTracker.Clear();
        foreach (var batch in instructions.Chunk(InstructionsPerBatch))
        {
            var instructionIds = await WriteInstructionsAsync(db, runId, profile, batch, now, tally, cancellationToken);
            var oldIds = instructionIds.Where(p => !p.Value.IsNew).Select(p => p.Value.Id).ToList();
            var verifierIds = await WriteVerifiersAsync(db, runId, profile, batch, instructionIds, oldIds, tally, cancellationToken);
            var promptIds = await WriteChildrenAsync(db, runId, profile, batch, instructionIds, oldIds, verifierIds, queryIds, tally, cancellationToken);
            await WriteResponsesAsync(db, runId, batch, instructionIds, promptIds, queryIds, tally, cancellationToken);
            db.ChangeTracker.Clear();
        }
        await InstructionSearchIndex.OptimizeAsync(db, cancellationToken);
    }

    /// <summary>
    /// The queries the wrapped prompts carried, as queries of the run (kept, <c>Source</c> the file; one the run
    /// already holds, e.g. from a pool, is used as it is). Returns normalised-text hash → query id.
    /// </summary>
    private static async Task<Dictionary<string, int>> WriteQueriesAsync(
        AutoIfDbContext db, int runId, IReadOnlyList<MergedInstruction> instructions, string fileName, ImportTally tally, CancellationToken cancellationToken)
    {
        var queries = instructions.SelectMany(i => i.Prompts.Values).Select(p => p.Query).OfType<string>()
            .DistinctBy(TextHash.Normalized, StringComparer.Ordinal).ToList();
        if (queries.Count == 0)
        {
            return [];
        }
        var ids = (await db.Queries.AsNoTracking().Where(q => q.RunId == runId).Select(q => new { q.TextHash, q.Id }).ToListAsync(cancellationToken))
            .ToDictionary(q => q.TextHash, q => q.Id, StringComparer.Ordinal);
        var source = QueryWriter.SourceName(fileName);
        var fresh = new List<Query>();
        foreach (var text in queries)
        {
            var hash = TextHash.Normalized(text);
            if (ids.ContainsKey(hash))
            {
                tally.Skipped++;
                continue;
            }
            fresh.Add(new Query { RunId = runId, Text = text, TextHash = hash, Source = source, Length = text.Length, Status = ItemStatus.Kept });
        }
        tally.Queries += await SaveWithIdsAsync(db, fresh, ids, q => (q.TextHash, q.Id), cancellationToken);
        return ids;
    }

    private static async Task<Dictionary<string, (int Id, bool IsNew, string Text)>> WriteInstructionsAsync(
        AutoIfDbContext db, int runId, ReferenceProfile profile, MergedInstruction[] batch, DateTimeOffset now, ImportTally tally, CancellationToken cancellationToken)
    {
        var hashes = batch.Select(i => i.TextHash).ToList();
        var existing = await db.Instructions.AsNoTracking()
            .Where(i => i.RunId == runId && hashes.Contains(i.TextHash))
            .Select(i => new { i.Id, i.TextHash, i.Text })
            .ToListAsync(cancellationToken);
        var ids = existing.ToDictionary(i => i.TextHash, i => (i.Id, IsNew: false, i.Text), StringComparer.Ordinal);
        tally.Skipped += existing.Count;
        var fresh = batch.Where(i => !ids.ContainsKey(i.TextHash)).Select(i => new Instruction
        {
            RunId = runId,
            Text = i.Text,
            TextHash = i.TextHash,
            Origin = InstructionOrigin.Imported,
            Status = profile.InstructionStatus,
            CreatedAt = now,
        }).ToList();
        tally.Instructions += await SaveWithIdsAsync(db, fresh, ids, i => (i.TextHash, (i.Id, true, i.Text)), cancellationToken);
        return ids;
    }

    private static async Task<Dictionary<(int, string), int>> WriteVerifiersAsync(
        AutoIfDbContext db, int runId, ReferenceProfile profile, MergedInstruction[] batch, Dictionary<string, (int Id, bool IsNew, string Text)> instructionIds,
        List<int> oldIds, ImportTally tally, CancellationToken cancellationToken)
    {
        var known = (await db.Verifiers.AsNoTracking()
                // A file names first versions; an edited verifier's later versions are not what it wrote.
                .Where(v => oldIds.Contains(v.InstructionId) && v.PreviousVersionId == null)
                .Select(v => new { v.InstructionId, v.SourceHash, v.Id })
                .ToListAsync(cancellationToken))
            .ToDictionary(v => (v.InstructionId, v.SourceHash), v => v.Id);
        var fresh = new List<Verifier>();
        foreach (var instruction in batch)
        {
            var instructionId = instructionIds[instruction.TextHash].Id;
            foreach (var verifier in instruction.Verifiers.Values)
            {
                if (known.ContainsKey((instructionId, verifier.SourceHash)))
                {
                    tally.Skipped++;
                    continue;
                }
                fresh.Add(new Verifier
                {
                    RunId = runId,
                    InstructionId = instructionId,
                    Kind = VerifierKind.Python,
                    Source = verifier.Source,
                    SourceHash = verifier.SourceHash,
                    SampleIndex = verifier.SampleIndex,
                    CompileStatus = profile.VerifierCompileStatus,
                    CaseAccuracy = verifier.Accuracy,
                    Status = profile.VerifierStatus,
                });
            }
        }
        tally.Verifiers += await SaveWithIdsAsync(db, fresh, known, v => ((v.InstructionId, v.SourceHash), v.Id), cancellationToken);
        return known;
    }

    /// <summary>Test cases, back-translations and prompts: the rows that need instruction and verifier ids but nothing else.</summary>
    private static async Task<Dictionary<(int, string), int>> WriteChildrenAsync(
        AutoIfDbContext db, int runId, ReferenceProfile profile, MergedInstruction[] batch, Dictionary<string, (int Id, bool IsNew, string Text)> instructionIds,
        List<int> oldIds, Dictionary<(int, string), int> verifierIds, Dictionary<string, int> queryIds, ImportTally tally, CancellationToken cancellationToken)
    {
        // Test cases and back-translations have no unique index; the importer keeps them unique per instruction itself.
        var knownCases = (await db.TestCases.AsNoTracking().Where(c => oldIds.Contains(c.InstructionId))
                .Select(c => new { c.InstructionId, c.Input, c.Expected, c.ExpectedJson, c.VerifierId }).ToListAsync(cancellationToken))
            .Select(c => (c.InstructionId, c.ExpectedJson is null ? null : c.VerifierId, c.Input, ExpectedOutput.Key(c.Expected, c.ExpectedJson))).ToHashSet();
        var knownBackTranslations = (await db.BackTranslations.AsNoTracking().Where(b => oldIds.Contains(b.InstructionId))
                .Select(b => new { b.InstructionId, b.Text }).ToListAsync(cancellationToken))
            .Select(b => (b.InstructionId, b.Text)).ToHashSet();
        var promptIds = (await db.ComposedPrompts.AsNoTracking().Where(p => oldIds.Contains(p.InstructionId) && p.Round == 0)
                .Select(p => new { p.InstructionId, p.QueryId, p.Text, p.Id }).ToListAsync(cancellationToken))
            .DistinctBy(p => (p.InstructionId, PromptKey(p.QueryId, p.Text)))
            .ToDictionary(p => (p.InstructionId, PromptKey(p.QueryId, p.Text)), p => p.Id);

        var prompts = new List<(ComposedPrompt Entity, string Key)>();
        foreach (var instruction in batch)
        {
            var (instructionId, _, instructionText) = instructionIds[instruction.TextHash];
            foreach (var testCase in instruction.Cases)
            {
                var verifierId = VerifierId(verifierIds, instructionId, testCase.VerifierSourceHash);
                if (!knownCases.Add((instructionId, testCase.ExpectedJson is null ? null : verifierId, testCase.Input, ExpectedOutput.Key(testCase.Expected, testCase.ExpectedJson))))
                {
                    tally.Skipped++;
                    continue;
                }
                db.TestCases.Add(new TestCase
                {
                    RunId = runId,
                    InstructionId = instructionId,
                    Input = testCase.Input,
                    Expected = testCase.Expected,
                    ExpectedJson = testCase.ExpectedJson,
                    Status = profile.CaseStatus,
                    VerifierId = verifierId,
                });
                tally.TestCases++;
            }
            foreach (var backTranslation in instruction.BackTranslations)
            {
                if (!knownBackTranslations.Add((instructionId, backTranslation.Text)))
                {
                    tally.Skipped++;
                    continue;
                }
                db.BackTranslations.Add(new BackTranslation
                {
                    RunId = runId,
                    InstructionId = instructionId,
                    VerifierId = VerifierId(verifierIds, instructionId, backTranslation.VerifierSourceHash),
                    Text = backTranslation.Text,
                    Label = NliLabel.Unknown,
                });
                tally.BackTranslations++;
            }
            foreach (var prompt in instruction.Prompts.Values)
            {
                var queryId = QueryId(prompt, queryIds);
                var key = PromptKey(queryId, prompt.Text);
                if (promptIds.ContainsKey((instructionId, key)))
                {
                    tally.Skipped++;
                    continue;
                }
                var entity = new ComposedPrompt
                {
                    RunId = runId, InstructionId = instructionId, QueryId = queryId, Round = 0,
                    Text = prompt.Query is { } query ? PromptComposer.Compose(query, instructionText) : prompt.Text,
                    SourceText = prompt.Query is null ? null : prompt.Text,
                };
                db.ComposedPrompts.Add(entity);
                prompts.Add((entity, key));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        tally.Prompts += prompts.Count;
        foreach (var (entity, key) in prompts)
        {
            promptIds[(entity.InstructionId, key)] = entity.Id;
        }
        return promptIds;
    }

    /// <summary>
    /// Saves <paramref name="fresh"/> parents so the database gives them ids, and adds each one's key and id to
    /// <paramref name="ids"/>, where its children look it up. Returns how many were added.
    /// </summary>
    private static async Task<int> SaveWithIdsAsync<TEntity, TKey, TId>(
        AutoIfDbContext db, List<TEntity> fresh, Dictionary<TKey, TId> ids, Func<TEntity, (TKey Key, TId Id)> entry, CancellationToken cancellationToken)
        where TEntity : class
        where TKey : notnull
    {
        db.AddRange(fresh);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (key, id) in fresh.Select(entry))
        {
            ids[key] = id;
        }
        return fresh.Count;
    }

    private static int? QueryId(ParsedPrompt prompt, Dictionary<string, int> queryIds) =>
        prompt.Query is { } query ? queryIds[TextHash.Normalized(query)] : null;

    /// <summary>A prompt's identity within its instruction: its query when it has one (the unique index), else its text.</summary>
    private static string PromptKey(int? queryId, string text) =>
        queryId is { } id ? "query:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "text:" + text;

    private static async Task WriteResponsesAsync(
        AutoIfDbContext db, int runId, MergedInstruction[] batch, Dictionary<string, (int Id, bool IsNew, string Text)> instructionIds,
        Dictionary<(int, string), int> promptIds, Dictionary<string, int> queryIds, ImportTally tally, CancellationToken cancellationToken)
    {
        var ids = promptIds.Values.ToList();
        var known = (await db.Responses.AsNoTracking()
                .Where(r => ids.Contains(r.PromptId) && r.Origin == ResponseOrigin.Imported)
                .Select(r => new { r.PromptId, r.SampleIndex }).ToListAsync(cancellationToken))
            .Select(r => (r.PromptId, r.SampleIndex)).ToHashSet();
        var rows = new List<Response>();
        foreach (var instruction in batch)
        {
            var instructionId = instructionIds[instruction.TextHash].Id;
            foreach (var prompt in instruction.Prompts.Values)
            {
                var promptId = promptIds[(instructionId, PromptKey(QueryId(prompt, queryIds), prompt.Text))];
                for (var sample = 0; sample < prompt.Responses.Count; sample++)
                {
                    if (known.Add((promptId, sample)))
                    {
                        // A file written with a reasoning model holds its reasoning too: the sampler's rule splits it off.
                        var answer = ModelAnswer.Split(prompt.Responses[sample]);
                        rows.Add(new Response
                        {
                            RunId = runId, InstructionId = instructionId, PromptId = promptId, SampleIndex = sample,
                            Text = answer.Answer, Reasoning = answer.Reasoning, TextHash = TextHash.Exact(answer.Answer),
                            Origin = ResponseOrigin.Imported, Round = 0, Status = ItemStatus.Pending, ReviewState = ReviewState.None,
                        });
                    }
                    else
                    {
                        tally.Skipped++;
                    }
                }
            }
        }
        // Responses are the bulk of a reference file (tens of thousands per file): written in bulk, not as tracked entities.
        var columns = new JsonRowColumns<Response>(db)
            .Add(r => r.RunId).Add(r => r.InstructionId).Add(r => r.PromptId).Add(r => r.SampleIndex).Add(r => r.Text).Add(r => r.Reasoning).Add(r => r.TextHash)
            .Add(r => r.Origin).Add(r => r.Round).Add(r => r.Status).Add(r => r.ReviewState);
        foreach (var part in rows.Chunk(ResponsesPerStatement))
        {
            // IsDemo is a constant: JSON rows carry no booleans (the engines read them differently).
            await JsonRows.ExecuteAsync(db, $$"""
                INSERT INTO {{columns.Table}} ({{columns.Names}}, "{{columns.ColumnOf(r => r.IsDemo)}}")
                SELECT {{columns.Values}}, FALSE FROM {0}
                """, columns.Serialize(part), cancellationToken);
        }
        tally.Responses += rows.Count;
    }

    private static int? VerifierId(Dictionary<(int, string), int> verifierIds, int instructionId, string? sourceHash) =>
        sourceHash is not null && verifierIds.TryGetValue((instructionId, sourceHash), out var id) ? id : null;
}
