using AutoIF.Core.Domain;
using AutoIF.Core.Import;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Reports;
using AutoIF.Tests.Import;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Storage;

/// <summary>The scale-out configuration: the same app on PostgreSQL, with Hangfire's jobs in PostgreSQL too.</summary>
public class PostgresStorageTests : IClassFixture<PostgresServer>
{
    private readonly PostgresServer _postgres;

    public PostgresStorageTests(PostgresServer postgres) => _postgres = postgres;

    [Fact]
    public async Task Migrations_apply_and_a_demo_run_completes_as_a_hangfire_job_on_postgresql()
    {
        await using var factory = new AutoIfWebFactory()
            .With("Storage:Provider", "Postgres")
            .With("ConnectionStrings:AutoIF", _postgres.ConnectionString("autoif_job"));
        _ = factory.Server;
        var services = factory.Services;
        var settings = RunSettingsEditor.Apply(new RunSettings(), [new("Augment:Rounds", "1"), new("Compose:QueriesPerInstruction", "2"), new("Responses:Samples", "2")]);
        var run = await services.GetRequiredService<RunService>().CreateAsync("pg-run", settings);

        await services.GetRequiredService<RunScheduler>().StartAsync(run.Id);

        var contexts = services.GetRequiredService<IDbContextFactory<AutoIF.Core.Storage.AutoIfDbContext>>();
        var status = await Poll.UntilAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await db.Runs.Where(r => r.Id == run.Id).Select(r => r.Status).SingleAsync();
        }, s => s is RunStatus.Completed or RunStatus.Failed, TimeSpan.FromSeconds(120));
        await using var read = await contexts.CreateDbContextAsync();
        Assert.True(status == RunStatus.Completed, (await read.Runs.SingleAsync(r => r.Id == run.Id)).Error);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", read.Database.ProviderName);
        Assert.True(await read.Verdicts.AnyAsync());
        Assert.True(await read.DpoPairs.AnyAsync());
        var funnel = await services.GetRequiredService<RunFunnelQuery>().ExecuteAsync(run.Id);
        Assert.True(funnel.Single(s => s.Name == "verified").Count > 0);
        var passRates = await read.Instructions.Where(i => i.RunId == run.Id && i.PassRate != null).CountAsync();
        Assert.True(passRates > 0, "pass rates are computed in SQL on PostgreSQL too");

        // An online round copies the training prompts in SQL, then samples, verifies and pairs them as round 1.
        await services.GetRequiredService<RunScheduler>().StartOnlineRoundAsync(run.Id);
        var afterRound = await Poll.UntilAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await db.Runs.Where(r => r.Id == run.Id).Select(r => new { r.Status, r.OnlineRounds, r.Error }).SingleAsync();
        }, r => r.Status is RunStatus.Completed or RunStatus.Failed && (r.OnlineRounds == 1 || r.Status == RunStatus.Failed), TimeSpan.FromSeconds(120));
        Assert.True(afterRound.Status == RunStatus.Completed, afterRound.Error);
        await using var rounds = await contexts.CreateDbContextAsync();
        var trainingPrompts = await rounds.ComposedPrompts.CountAsync(p => p.RunId == run.Id && p.Round == 0 && p.Instruction!.Status == ItemStatus.Kept);
        Assert.Equal(trainingPrompts, await rounds.ComposedPrompts.CountAsync(p => p.RunId == run.Id && p.Round == 1));
        Assert.True(await rounds.Responses.AnyAsync(r => r.RunId == run.Id && r.Round == 1 && r.Accuracy != null));
    }

    [Fact]
    public async Task An_imported_reference_file_is_stored_and_verified_on_postgresql_exactly_as_on_sqlite()
    {
        await using var factory = new AutoIfWebFactory()
            .With("Storage:Provider", "Postgres")
            .With("ConnectionStrings:AutoIF", _postgres.ConnectionString("autoif_import"));
        _ = factory.Server;
        await using var sqlite = await TestDatabase.CreateAsync();

        var onPostgres = await ImportAndVerifyAsync(factory.Services);
        var onSqlite = await ImportAndVerifyAsync(sqlite.Services);

        Assert.Equal(7, onPostgres.Count);
        Assert.Contains(onPostgres, r => r.Accuracy > 0.5);
        Assert.Contains(onPostgres, r => r.Status == ItemStatus.Dropped && r.DropReason!.StartsWith("accuracy 0", StringComparison.Ordinal));
        Assert.Equal(onSqlite, onPostgres);
    }

    [Fact]
    public async Task A_verifier_whose_error_holds_a_nul_character_is_stored_on_postgresql_which_cannot_store_nul()
    {
        await using var database = await TestDatabase.CreateAsync(_postgres.StorageSettings("autoif_nul"));
        var run = await database.Get<RunService>().CreateAsync("nul", new RunSettings());
        await using (var db = database.CreateContext())
        {
            var instruction = db.Instructions.Add(new Instruction { RunId = run.Id, Text = "Anything.", TextHash = "h", Status = ItemStatus.Kept }).Entity;
            await db.SaveChangesAsync();
            const string source = "def evaluate(response):\n    raise ValueError('bad\\x00value')\n";
            db.Verifiers.Add(new Verifier { RunId = run.Id, InstructionId = instruction.Id, Source = source, SourceHash = "s", CompileStatus = CompileStatus.Ok, Status = ItemStatus.Kept });
            var prompt = db.ComposedPrompts.Add(new ComposedPrompt { RunId = run.Id, InstructionId = instruction.Id, Text = "Anything." }).Entity;
            await db.SaveChangesAsync();
            db.Responses.Add(new Response { RunId = run.Id, PromptId = prompt.Id, InstructionId = instruction.Id, Text = "an answer", TextHash = "r" });
            await db.SaveChangesAsync();
        }

        await database.Get<ResponseVerifier>().VerifyAsync(run.Id, PipelineStage.Verify, round: null, CancellationToken.None);

        await using var read = database.CreateContext();
        var verdict = await read.Verdicts.SingleAsync();
        Assert.Equal(VerdictKind.Error, verdict.Kind);
        Assert.Contains("bad\uFFFDvalue", verdict.Detail, StringComparison.Ordinal);
        Assert.Equal(0.0, (await read.Responses.SingleAsync()).Accuracy);
    }

    private static async Task<List<(string Text, int Sample, double? Accuracy, ItemStatus Status, string? DropReason, string Verdicts)>> ImportAndVerifyAsync(IServiceProvider services)
    {
        await using (var file = ImportTestKit.Fixture("query_rft.jsonl"))
        {
            var imported = await services.GetRequiredService<RunImporter>().ImportAsync(ImportFormats.QueryRft, file, "query_rft.jsonl", "imported");
            await services.GetRequiredService<RunService>().MarkQueuedAsync(imported.RunId);
            var status = await services.GetRequiredService<RunOrchestrator>().ExecuteAsync(
                imported.RunId, new HashSet<PipelineStage> { PipelineStage.Compile, PipelineStage.CrossValidate, PipelineStage.Verify, PipelineStage.Pairs }, CancellationToken.None);
            Assert.Equal(RunStatus.Paused, status);
        }
        await using var db = await services.GetRequiredService<IDbContextFactory<AutoIF.Core.Storage.AutoIfDbContext>>().CreateDbContextAsync();
        var verdicts = (await db.Verdicts.Select(v => new { v.ResponseId, v.Kind }).ToListAsync())
            .GroupBy(v => v.ResponseId).ToDictionary(g => g.Key, g => string.Join(",", g.Select(v => v.Kind).Order()));
        return (await db.Responses.OrderBy(r => r.Id).ToListAsync())
            .Select(r => (r.Text, r.SampleIndex, r.Accuracy, r.Status, r.DropReason, verdicts.GetValueOrDefault(r.Id, "")))
            .ToList();
    }
}
