using System.Diagnostics;
using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Bench;

/// <summary>
/// Seeds a temporary SQLite database with N query-level DPO pairs and exports them to JSONL and Parquet, printing
/// rows/s and peak memory. Memory is sampled in the background (working set and managed heap) so each export's
/// own peak is measured, not the process's lifetime peak. Target: the 1,000,000-pair peak within 1.2× of 10,000.
/// </summary>
internal sealed class ExportBenchmark : IBenchmark
{
    public string Name => "export";

    public string Description => "export 10k and 1M DPO pairs from SQLite to JSONL and Parquet (rows/s, peak memory)";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        // AUTOIF_BENCH_EXPORT_SIZES="10000,200000" overrides the two sizes (smaller first).
        var custom = Environment.GetEnvironmentVariable("AUTOIF_BENCH_EXPORT_SIZES");
        int[] sizes = custom is not null
            ? custom.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : quick ? [1_000, 10_000] : [10_000, 1_000_000];
        var folder = Directory.CreateTempSubdirectory("autoif-export-bench-");
        try
        {
            var peaks = new Dictionary<(int Size, string Container), long>();
            foreach (var size in sizes)
            {
                var dbPath = Path.Combine(folder.FullName, $"bench-{size}.db");
                var seedTime = Stopwatch.StartNew();
                await SeedAsync(dbPath, size, cancellationToken);
                Console.WriteLine($"seeded {size:N0} pairs in {seedTime.Elapsed.TotalSeconds:F1} s ({new FileInfo(dbPath).Length / 1e6:F0} MB)");
                if (size == sizes[0])
                {
                    // Warm-up (JIT, pools, SQLite page cache) so the first measured export is not charged for start-up.
                    await ExportOnceAsync(dbPath, ExportContainer.Jsonl, folder.FullName, cancellationToken);
                    await ExportOnceAsync(dbPath, ExportContainer.Parquet, folder.FullName, cancellationToken);
                }
                foreach (var container in new[] { ExportContainer.Jsonl, ExportContainer.Parquet })
                {
                    var (rows, seconds, peakWorkingSet, peakManaged, bytes) = await ExportOnceAsync(dbPath, container, folder.FullName, cancellationToken);
                    peaks[(size, ExportContainers.Name(container))] = peakWorkingSet;
                    Console.WriteLine($"  {ExportContainers.Name(container),-8} {rows,10:N0} rows  {seconds,7:F1} s  {rows / seconds,10:N0} rows/s  peak working set {peakWorkingSet / 1e6,7:F0} MB  peak managed heap {peakManaged / 1e6,6:F0} MB  file {bytes / 1e6,7:F0} MB");
                }
                File.Delete(dbPath);
            }
            foreach (var container in new[] { "jsonl", "parquet" })
            {
                var ratio = (double)peaks[(sizes[1], container)] / peaks[(sizes[0], container)];
                Console.WriteLine($"{container}: peak working set at {sizes[1]:N0} is {ratio:F2}x the one at {sizes[0]:N0} (target ≤ 1.2x)");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(long Rows, double Seconds, long PeakWorkingSet, long PeakManaged, long Bytes)> ExportOnceAsync(string dbPath, ExportContainer container, string folder, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<SqliteAutoIfDbContext>().UseSqlite($"Data Source={dbPath}").Options;
        var factory = new BenchContextFactory(options);
        var request = new ExportRequest { Runs = ["bench"], Kind = ExportKind.Dpo, Format = ExportFormats.TrlDpo, Container = container };
        var outPath = Path.Combine(folder, "out" + ExportContainers.Extension(container));

        // Start each export from a collected heap so the peak belongs to this export.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var sampler = new MemorySampler();
        var watch = Stopwatch.StartNew();
        ExportResult result;
        await using (var output = File.Create(outPath))
        {
            result = await new DatasetExporter(factory).ExportAsync(request, output, null, cancellationToken);
        }
        watch.Stop();
        var (peakWorkingSet, peakManaged) = await sampler.StopAsync();
        var bytes = new FileInfo(outPath).Length;
        File.Delete(outPath);
        return (result.Rows, watch.Elapsed.TotalSeconds, peakWorkingSet, peakManaged, bytes);
    }

    /// <summary>Raw ADO.NET in one transaction with prepared commands: EF change tracking would dominate a million inserts.</summary>
    private static async Task SeedAsync(string dbPath, int pairs, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<SqliteAutoIfDbContext>().UseSqlite($"Data Source={dbPath}").Options;
        await using (var db = new SqliteAutoIfDbContext(options))
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
            db.Runs.Add(new Run { Name = "bench", Settings = new RunSettings() });
            await db.SaveChangesAsync(cancellationToken);
        }
        await using var connection = new SqliteConnection($"Data Source={dbPath}");
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        const int instructions = 500;
        var instruction = Prepare(connection, transaction,
            "INSERT INTO Instructions (Id, RunId, Text, TextHash, Origin, Status, ReviewState, IsDemo, CreatedAt) VALUES ($id, 1, $text, $hash, 0, 1, 0, 0, 0)",
            "$id", "$text", "$hash");
        var verifier = Prepare(connection, transaction,
            "INSERT INTO Verifiers (Id, RunId, InstructionId, Kind, Source, SourceHash, Version, SampleIndex, CompileStatus, Status, ReviewState, IsDemo, SelfTest) VALUES ($id, 1, $id, 0, 'def evaluate(r): return True', $hash, 1, 0, 0, 1, 0, 0, 0)",
            "$id", "$hash");
        for (var i = 1; i <= instructions; i++)
        {
            Run(instruction, i, $"Answer in fewer than {i + 10} words and do not use the letter z.", $"i{i}");
            Run(verifier, i, $"v{i}");
        }
        var query = Prepare(connection, transaction,
            "INSERT INTO Queries (Id, RunId, Text, TextHash, Source, Length, Status) VALUES ($id, 1, $text, $hash, 'bench', 60, 1)",
            "$id", "$text", "$hash");
        var prompt = Prepare(connection, transaction,
            "INSERT INTO ComposedPrompts (Id, RunId, InstructionId, QueryId, Text, Round, IsDemo) VALUES ($id, 1, $instruction, $id, $text, 0, 0)",
            "$id", "$instruction", "$text");
        var response = Prepare(connection, transaction,
            "INSERT INTO Responses (Id, RunId, PromptId, InstructionId, Text, TextHash, Origin, SampleIndex, Round, Accuracy, JudgeScore, Status, ReviewState, IsDemo) VALUES ($id, 1, $prompt, $instruction, $text, $hash, 0, $sample, 0, $accuracy, $judge, $status, 0, 0)",
            "$id", "$prompt", "$instruction", "$text", "$hash", "$sample", "$accuracy", "$judge", "$status");
        var pair = Prepare(connection, transaction,
            "INSERT INTO DpoPairs (Id, RunId, InstructionId, Level, PromptId, ChosenResponseId, RejectedResponseId, ChosenAccuracy, RejectedAccuracy, Round, Status, ReviewState) VALUES ($id, 1, $instruction, 0, $prompt, $chosen, $rejected, 1.0, 0.0, 0, 1, 0)",
            "$id", "$instruction", "$prompt", "$chosen", "$rejected");
        // Realistic sizes: a ~60-character query, ~400-character responses.
        var body = string.Join(' ', Enumerable.Repeat("The answer keeps to the constraint while still addressing the question in full.", 5));
        for (var p = 1; p <= pairs; p++)
        {
            var instructionId = (p % instructions) + 1;
            Run(query, p, $"explain how question {p} about distributed systems is answered", $"q{p}");
            Run(prompt, p, instructionId, $"Explain how question {p} about distributed systems is answered. Answer briefly.");
            var chosenId = 2L * p - 1;
            Run(response, chosenId, p, instructionId, $"Chosen {p}. {body}", $"c{p}", 0, 1.0, 9, 1);
            Run(response, chosenId + 1, p, instructionId, $"Rejected {p}. {body} {body}", $"r{p}", 1, 0.0, 4, 2);
            Run(pair, p, instructionId, p, chosenId, chosenId + 1);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
        command.ExecuteNonQuery();
    }

    private sealed class BenchContextFactory(DbContextOptions<SqliteAutoIfDbContext> options) : IDbContextFactory<AutoIfDbContext>
    {
        public AutoIfDbContext CreateDbContext() => new SqliteAutoIfDbContext(options);
    }
}
