using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using AutoIF.Core.Domain;
using AutoIF.Core.Reports;
using AutoIF.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Bench;

/// <summary>
/// The Instructions grid on SQLite at growing sizes (instructions, and ten responses per instruction): first page,
/// a filtered page (full-text search, status, pass-rate range, by pass rate), deep pages by id and by pass rate (keyset,
/// as "next" loads them) and a jump to a deep page (OFFSET), each the median of several runs after a warm-up, then the
/// largest size's figures over the smallest's.
/// </summary>
internal sealed class GridBenchmark : IBenchmark
{
    private const int Repeats = 7;
    private const int PageSize = 25;
    private const int ResponsesPerInstruction = 10;
    private const int VerifiersPerInstruction = 2;

    public string Name => "grid";

    public string Description => "Instructions grid query times at 1k/10k/100k instructions (10k/100k/1M responses)";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        int[] sizes = quick ? [100, 1_000] : [1_000, 10_000, 100_000];
        Console.WriteLine("instructions  responses   seed s   first ms  filtered ms  deep(id) ms  deep(pass rate) ms  jump(offset) ms   count  filtered count");
        var results = new List<double[]>();
        foreach (var size in sizes)
        {
            var folder = Path.Combine(Path.GetTempPath(), $"autoif-grid-bench-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            try
            {
                var factory = new Contexts(folder);
                var seed = Stopwatch.StartNew();
                var runId = await SeedAsync(factory, size, cancellationToken);
                seed.Stop();
                var query = new InstructionGridQuery(factory);
                var all = InstructionGridFilter.None with { RunId = runId };
                var filtered = new InstructionGridFilter { RunId = runId, Status = ItemStatus.Kept, Search = "words", MinPassRate = 0.2, MaxPassRate = 0.8 };
                // A deep page as the grid loads it when "next" is clicked on the page before it: after that page's last row.
                // The count is not passed in (the grid would have it from the first page): each figure includes it.
                var deepSkip = size - 2 * PageSize;
                var byId = (await query.ExecuteAsync(new InstructionGridRequest(all, Skip: deepSkip, Take: PageSize), cancellationToken)).Rows[^1];
                var byRate = (await query.ExecuteAsync(new InstructionGridRequest(all, InstructionSortColumn.PassRate, true, deepSkip, PageSize), cancellationToken)).Rows[^1];
                var first = await TimeAsync(() => query.ExecuteAsync(new InstructionGridRequest(all, Take: PageSize), cancellationToken));
                var filter = await TimeAsync(() => query.ExecuteAsync(new InstructionGridRequest(filtered, InstructionSortColumn.PassRate, true, 0, PageSize), cancellationToken));
                var deepId = await TimeAsync(() => query.ExecuteAsync(new InstructionGridRequest(all, Take: PageSize, After: InstructionGridKey.Of(byId)), cancellationToken));
                var deepRate = await TimeAsync(() => query.ExecuteAsync(
                    new InstructionGridRequest(all, InstructionSortColumn.PassRate, true, Take: PageSize, After: InstructionGridKey.Of(byRate)), cancellationToken));
                var jump = await TimeAsync(() => query.ExecuteAsync(new InstructionGridRequest(all, Skip: deepSkip + PageSize, Take: PageSize), cancellationToken));
                var count = (await query.ExecuteAsync(new InstructionGridRequest(all, Take: 1), cancellationToken)).Count;
                var check = (await query.ExecuteAsync(new InstructionGridRequest(filtered, Take: PageSize), cancellationToken)).Count;
                results.Add([first, filter, deepId, deepRate]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{size,12:N0}  {size * ResponsesPerInstruction,9:N0}  {seed.Elapsed.TotalSeconds,7:0.0}  {first,9:0.0}  {filter,11:0.0}  {deepId,11:0.0}  {deepRate,18:0.0}  {jump,15:0.0}  {count.Display,6}  {check.Display,14}"));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
        // The target: the largest size within 2x of the smallest, per column.
        var (small, large) = (results[0], results[^1]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio {sizes[^1] * ResponsesPerInstruction:N0} / {sizes[0] * ResponsesPerInstruction:N0} responses (target <= 2): first {large[0] / small[0]:0.00}x, filtered {large[1] / small[1]:0.00}x, deep(id) {large[2] / small[2]:0.00}x, deep(pass rate) {large[3] / small[3]:0.00}x"));
    }

    private static async Task<double> TimeAsync(Func<Task<InstructionGridPage>> work)
    {
        await work();
        var times = new List<double>();
        for (var i = 0; i < Repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            var page = await work();
            watch.Stop();
            if (page.Rows.Count == 0 && page.Total > 0)
            {
                throw new InvalidOperationException("The benchmark query returned an empty page.");
            }
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    // Raw ADO.NET with prepared statements in one transaction: the only way to write a million rows in seconds. The
    // triggers fill the full-text index as they do for the app's inserts.
    private static async Task<int> SeedAsync(Contexts factory, int instructions, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        var run = new Run { Name = "bench", Settings = new RunSettings(), Status = RunStatus.Completed, CreatedAt = DateTimeOffset.UtcNow };
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var random = new Random(1);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using (var insert = Command(connection, transaction,
            """INSERT INTO "Instructions" ("Id","RunId","Text","TextHash","Origin","Status","DropStage","DropReason","PassRate","ReviewState","IsDemo","CreatedAt") VALUES (@id,@run,@text,@hash,1,@status,@stage,@reason,@rate,0,0,@now)""",
            "@id", "@run", "@text", "@hash", "@status", "@stage", "@reason", "@rate", "@now"))
        {
            for (var i = 1; i <= instructions; i++)
            {
                var kept = random.NextDouble() < 0.6;
                Set(insert, i, run.Id, $"Answer in fewer than {i % 97 + 3} words and mention topic {i}.", $"h{i:D10}",
                    kept ? (int)ItemStatus.Kept : (int)ItemStatus.Dropped,
                    kept ? DBNull.Value : (int)PipelineStage.CrossValidate,
                    kept ? DBNull.Value : "only 1 compiled distinct functions (needs 3)",
                    kept ? Math.Round(random.NextDouble(), 3) : DBNull.Value, now);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await using (var insert = Command(connection, transaction,
            """INSERT INTO "Verifiers" ("RunId","InstructionId","Kind","Source","SourceHash","Version","SampleIndex","CompileStatus","CaseAccuracy","Status","ReviewState","IsDemo","SelfTest") VALUES (@run,@ins,0,@src,@hash,1,@sample,1,1.0,1,0,0,1)""",
            "@run", "@ins", "@src", "@hash", "@sample"))
        {
            for (var i = 1; i <= instructions; i++)
            {
                for (var s = 0; s < VerifiersPerInstruction; s++)
                {
                    Set(insert, run.Id, i, $"def evaluate(response):\n    return len(response.split()) < {i % 97 + 3 + s}\n", $"v{i}-{s}", s);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }
        await using (var insert = Command(connection, transaction,
            """INSERT INTO "ComposedPrompts" ("Id","RunId","InstructionId","Text","Round","IsDemo") VALUES (@id,@run,@ins,@text,0,0)""", "@id", "@run", "@ins", "@text"))
        {
            for (var i = 1; i <= instructions; i++)
            {
                Set(insert, i, run.Id, i, $"Query {i}, answering in few words.");
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await using (var insert = Command(connection, transaction,
            """INSERT INTO "Responses" ("RunId","PromptId","InstructionId","Text","TextHash","Origin","SampleIndex","Round","Accuracy","JudgeScore","Status","ReviewState","IsDemo") VALUES (@run,@p,@ins,@text,@hash,0,@s,0,@acc,@judge,@status,0,0)""",
            "@run", "@p", "@ins", "@text", "@hash", "@s", "@acc", "@judge", "@status"))
        {
            for (var i = 1; i <= instructions; i++)
            {
                for (var s = 0; s < ResponsesPerInstruction; s++)
                {
                    var accuracy = random.Next(3) / 2.0;
                    Set(insert, run.Id, i, i, $"A sampled response number {s} to prompt {i}.", $"r{i}-{s}", s, accuracy, random.Next(11), accuracy > 0.5 ? 1 : 2);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }
        await transaction.CommitAsync(cancellationToken);
        // What the app does after an import or a stage: merge the full-text index's segments, then refresh statistics.
        await InstructionSearchIndex.OptimizeAsync(db, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
        return run.Id;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return command;
    }

    private static void Set(DbCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    private sealed class Contexts(string folder) : IDbContextFactory<AutoIfDbContext>
    {
        // The app's own SQLite settings, so the figures are what the page gets.
        public AutoIfDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<SqliteAutoIfDbContext>();
            options.UseAutoIfSqlite(new StorageOptions { DataFolder = folder });
            return new SqliteAutoIfDbContext(options.Options);
        }
    }
}
