using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AutoIF.Core.Domain;
using AutoIF.Core.Sandbox;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Rejection sampling: runs every kept verifier of a response's instruction on the response in the sandbox, stores
/// every verdict and the response's accuracy (errors and timeouts left out of the denominator, see
/// <see cref="AccuracyRules"/>), and drops responses at or below Verify:MinAccuracy. Verdicts go to the database in
/// bulk with prepared statements, in the same transaction as the accuracies, so a crash re-verifies a chunk whole.
/// </summary>
public sealed class ResponseVerifier(IDbContextFactory<AutoIfDbContext> contextFactory, IVerifierSandbox sandbox, StageProgressReporter progress)
{
    private const int ResponsesPerChunk = 4000;

    // Small enough that binding stays cheap: SQLite finds a named parameter by a linear search over the statement's names,
    // so binding cost grows with the square of the parameters per statement.
    private const int VerdictRowsPerInsert = 32;

    private TimeSpan _sandboxTime;
    private TimeSpan _storeTime;
    private long _calls;

    public async Task VerifyAsync(int runId, PipelineStage stage, int? round, CancellationToken cancellationToken)
    {
        (_sandboxTime, _storeTime, _calls) = (TimeSpan.Zero, TimeSpan.Zero, 0);
        double minAccuracy;
        Dictionary<int, List<(int Id, string Source)>> verifiers;
        int total;
        int remaining;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            minAccuracy = (await db.RunSettingsAsync(runId, cancellationToken)).Verify.MinAccuracy;
            // A human decision overrides the filter: approved verifiers take part, rejected ones never do.
            verifiers = (await db.Verifiers.AsNoTracking()
                    .Where(v => v.RunId == runId && v.Kind == VerifierKind.Python && v.CompileStatus == CompileStatus.Ok
                        && ((v.Status == ItemStatus.Kept && v.ReviewState != ReviewState.Rejected) || v.ReviewState == ReviewState.Approved))
                    .OrderBy(v => v.Id).Select(v => new { v.InstructionId, v.Id, v.Source }).ToListAsync(cancellationToken))
                .GroupBy(v => v.InstructionId).ToDictionary(g => g.Key, g => g.Select(v => (v.Id, v.Source)).ToList());
            var responses = Responses(db, runId, round);
            total = await responses.CountAsync(cancellationToken);
            remaining = await responses.CountAsync(r => r.Accuracy == null, cancellationToken);
        }
        await progress.StartAsync(runId, stage, total, cancellationToken);
        var done = total - remaining;
        var lastId = 0L;
        // Two chunks in flight: the sandbox verifies chunk N+1 while chunk N's verdicts are written.
        Task? storing = null;
        var storingCount = 0;
        while (true)
        {
            List<(long Id, int InstructionId, string Text)> chunk;
            await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
            {
                chunk = (await Responses(db, runId, round).Where(r => r.Accuracy == null && r.Id > lastId).OrderBy(r => r.Id).Take(ResponsesPerChunk)
                    .Select(r => new { r.Id, r.InstructionId, r.Text }).ToListAsync(cancellationToken)).Select(r => (r.Id, r.InstructionId, r.Text)).ToList();
            }
            if (chunk.Count == 0)
            {
                break;
            }
            lastId = chunk[^1].Id;
            var evaluating = EvaluateChunkAsync(chunk, verifiers, cancellationToken);
            if (storing is not null)
            {
                await storing;
                done += storingCount;
                await progress.ReportAsync(runId, stage, done, cancellationToken);
            }
            var evaluated = await evaluating;
            storing = StoreChunkAsync(chunk, evaluated, minAccuracy, stage, cancellationToken);
            storingCount = chunk.Count;
        }
        if (storing is not null)
        {
            await storing;
            done += storingCount;
            await progress.ReportAsync(runId, stage, done, cancellationToken);
        }
        await UpdatePassRatesAsync(runId, minAccuracy, cancellationToken);
        // Where the time went, so a slow verification says whether the sandbox or the database is the bottleneck.
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{_calls:N0} verifier calls: sandbox {_sandboxTime.TotalSeconds:0.0} s, storing verdicts {_storeTime.TotalSeconds:0.0} s");
        await progress.CompleteAsync(runId, stage, total, cancellationToken, message);
    }

    private static IQueryable<Response> Responses(AutoIfDbContext db, int runId, int? round) =>
        db.Responses.Where(r => r.RunId == runId && (round == null || r.Round == round));

    private async Task<EvaluatedChunk> EvaluateChunkAsync(
        List<(long Id, int InstructionId, string Text)> chunk,
        Dictionary<int, List<(int Id, string Source)>> verifiers,
        CancellationToken cancellationToken)
    {
        var sourceIndex = new Dictionary<int, int>();
        var sources = new List<string>();
        var calls = new List<VerifierCall>();
        var callVerifier = new List<int>();
        for (var i = 0; i < chunk.Count; i++)
        {
            foreach (var (id, source) in verifiers.GetValueOrDefault(chunk[i].InstructionId) ?? [])
            {
                if (!sourceIndex.TryGetValue(id, out var index))
                {
                    index = sources.Count;
                    sources.Add(source);
                    sourceIndex[id] = index;
                }
                calls.Add(new VerifierCall(index, i));
                callVerifier.Add(id);
            }
        }
        var sandboxStarted = Stopwatch.GetTimestamp();
        var results = calls.Count == 0 ? [] : await sandbox.EvaluateAsync(new VerifierBatch(sources, chunk.Select(r => r.Text).ToList(), calls), cancellationToken: cancellationToken);
        _sandboxTime += Stopwatch.GetElapsedTime(sandboxStarted);
        _calls += calls.Count;
        return new EvaluatedChunk(calls, callVerifier, results);
    }

    private async Task StoreChunkAsync(
        List<(long Id, int InstructionId, string Text)> chunk,
        EvaluatedChunk evaluated,
        double minAccuracy,
        PipelineStage stage,
        CancellationToken cancellationToken)
    {
        var (calls, callVerifier, results) = evaluated;
        var storeStarted = Stopwatch.GetTimestamp();
        var perResponse = new List<VerdictKind>[chunk.Count];
        for (var i = 0; i < chunk.Count; i++)
        {
            perResponse[i] = [];
        }
        for (var c = 0; c < calls.Count; c++)
        {
            perResponse[calls[c].InputIndex].Add(results[c].Kind);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dbTransaction = transaction.GetDbTransaction();

        // Multi-row INSERTs: one statement per VerdictRowsPerInsert verdicts instead of one per verdict.
        var full = calls.Count / VerdictRowsPerInsert;
        await using (var insert = InsertVerdicts(connection, dbTransaction, VerdictRowsPerInsert))
        {
            for (var block = 0; block < full; block++)
            {
                BindVerdicts(insert, block * VerdictRowsPerInsert, VerdictRowsPerInsert, chunk, calls, callVerifier, results);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        var rest = calls.Count - (full * VerdictRowsPerInsert);
        if (rest > 0)
        {
            await using var insert = InsertVerdicts(connection, dbTransaction, rest);
            BindVerdicts(insert, full * VerdictRowsPerInsert, rest, chunk, calls, callVerifier, results);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var update = Command(connection, dbTransaction,
            """UPDATE "Responses" SET "Accuracy" = @a, "Status" = @s, "DropStage" = @ds, "DropReason" = @dr WHERE "Id" = @id""",
            ("@a", DbType.Double), ("@s", DbType.Int32), ("@ds", DbType.Int32), ("@dr", DbType.String), ("@id", DbType.Int64)))
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                var accuracy = AccuracyRules.Accuracy(perResponse[i]);
                var kept = accuracy > minAccuracy;
                update.Parameters[0].Value = accuracy;
                update.Parameters[1].Value = (int)(kept ? ItemStatus.Pending : ItemStatus.Dropped);
                update.Parameters[2].Value = kept ? DBNull.Value : (int)stage;
                update.Parameters[3].Value = kept ? DBNull.Value : DropReason(perResponse[i], accuracy, minAccuracy);
                update.Parameters[4].Value = chunk[i].Id;
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        _storeTime += Stopwatch.GetElapsedTime(storeStarted);
    }

    private sealed record EvaluatedChunk(List<VerifierCall> Calls, List<int> CallVerifier, IReadOnlyList<VerifierResult> Results);

    private static DbCommand InsertVerdicts(DbConnection connection, DbTransaction transaction, int rows)
    {
        var sql = new StringBuilder("""INSERT INTO "Verdicts" ("ResponseId", "VerifierId", "Kind", "Detail") VALUES """);
        var names = new (string, DbType)[rows * 4];
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"(@r{row},@v{row},@k{row},@d{row})");
            names[row * 4] = ($"@r{row}", DbType.Int64);
            names[(row * 4) + 1] = ($"@v{row}", DbType.Int32);
            names[(row * 4) + 2] = ($"@k{row}", DbType.Int16);
            names[(row * 4) + 3] = ($"@d{row}", DbType.String);
        }
        return Command(connection, transaction, sql.ToString(), names);
    }

    private static void BindVerdicts(
        DbCommand insert, int first, int rows, List<(long Id, int InstructionId, string Text)> chunk, List<VerifierCall> calls, List<int> callVerifier, IReadOnlyList<VerifierResult> results)
    {
        for (var row = 0; row < rows; row++)
        {
            var c = first + row;
            var kind = results[c].Kind;
            insert.Parameters[row * 4].Value = chunk[calls[c].InputIndex].Id;
            insert.Parameters[(row * 4) + 1].Value = callVerifier[c];
            insert.Parameters[(row * 4) + 2].Value = (short)kind;
            // True/False need no detail; storing it only for the other kinds keeps millions of rows small.
            insert.Parameters[(row * 4) + 3].Value = AccuracyRules.IsCounted(kind) ? DBNull.Value : (object?)results[c].Detail ?? DBNull.Value;
        }
    }

    private static string DropReason(List<VerdictKind> verdicts, double accuracy, double minAccuracy)
    {
        if (verdicts.Count == 0)
        {
            return "the instruction has no kept verifier";
        }
        var counted = verdicts.Count(AccuracyRules.IsCounted);
        var passed = verdicts.Count(v => v == VerdictKind.True);
        var uncounted = verdicts.Count - counted;
        var extra = uncounted > 0 ? $"; {uncounted} verifier(s) errored or timed out and were not counted" : "";
        return string.Create(CultureInfo.InvariantCulture, $"accuracy {accuracy:0.##} ({passed} of {counted} verifiers pass{extra}), needs more than {minAccuracy:0.##}");
    }

    // Typed parameters: PostgreSQL prepares a statement only when every parameter's type is known.
    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return command;
    }

    private async Task UpdatePassRatesAsync(int runId, double minAccuracy, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Instructions.Where(i => i.RunId == runId).ExecuteUpdateAsync(s => s.SetProperty(
            i => i.PassRate,
            i => db.Responses.Where(r => r.InstructionId == i.Id && r.Accuracy != null).Average(r => (double?)(r.Accuracy > minAccuracy ? 1.0 : 0.0))), cancellationToken);
    }
}
