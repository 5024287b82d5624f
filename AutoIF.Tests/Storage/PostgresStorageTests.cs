using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Reports;
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
    }
}
