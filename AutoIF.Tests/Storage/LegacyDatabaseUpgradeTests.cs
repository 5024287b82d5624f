using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Reports;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Pipeline;
using AutoIF.Web.Extensions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Storage;

/// <summary>
/// The golden demo run's database as the code before drop-reason codes wrote it (<c>Fixtures/Legacy/</c>), opened by
/// today's app: migrations and the reason upgrade run, and the run then counts, pages and exports exactly what the golden
/// files say; every stored reason a template reads has its code, and none is left as legacy text; every DPO pair is
/// still there, kept and not reviewed.
/// </summary>
public class LegacyDatabaseUpgradeTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures/Legacy/demo-run-2026-12-01.db");

    [Fact]
    public async Task A_database_from_before_reason_codes_opens_counts_and_exports_the_same_after_the_upgrade()
    {
        var pairsBefore = await PairsInFixtureAsync();
        await using var database = await TestDatabase.CreateAsync(
            configure: services => services.AddAutoIfReviewUi(),
            prepareDataFolder: folder => File.Copy(Fixture, Path.Combine(folder, "autoif.db")));
        int runId;
        await using (var db = database.CreateContext())
        {
            runId = await db.Runs.Where(r => r.Name == DemoRunGolden.RunName).Select(r => r.Id).SingleAsync();
            // Pairs made before they had a state read as kept and not reviewed, every one of them.
            Assert.True(pairsBefore > 0);
            Assert.Equal(pairsBefore, await db.DpoPairs.CountAsync(p => p.Status == ItemStatus.Kept && p.ReviewState == ReviewState.None && p.DropReasonCode == null));
            Assert.Equal(new PairCounts(pairsBefore, pairsBefore), await database.Get<DashboardQuery>().PairsAsync(runId));
            var reasons = await db.Instructions.Select(i => new { i.DropReason, i.DropReasonCode, i.DropReasonArgs })
                .Concat(db.Verifiers.Select(v => new { v.DropReason, v.DropReasonCode, v.DropReasonArgs }))
                .Concat(db.TestCases.Select(c => new { c.DropReason, c.DropReasonCode, c.DropReasonArgs }))
                .Concat(db.Queries.Select(q => new { q.DropReason, q.DropReasonCode, q.DropReasonArgs }))
                .Concat(db.Responses.Select(r => new { r.DropReason, r.DropReasonCode, r.DropReasonArgs }))
                .Where(x => x.DropReason != null).ToListAsync();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r =>
            {
                Assert.NotEqual(DropReasons.Legacy.Code, r.DropReasonCode);
                Assert.Equal(r.DropReason, DropReasons.Read(r.DropReasonCode, r.DropReasonArgs, null)?.Text);
            });
        }

        var outputs = await DemoRunGolden.OutputsAsync(database, runId);

        DemoRunGolden.AssertMatchesGoldenFiles(outputs, allFiles: false);
    }

    [Fact]
    public async Task Opening_an_upgraded_database_again_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(
            prepareDataFolder: folder => File.Copy(Fixture, Path.Combine(folder, "autoif.db")));
        await using var db = database.CreateContext();

        Assert.Equal(0, await Core.Storage.DropReasonUpgrade.RunAsync(db));
    }

    /// <summary>The pairs the fixture holds as the older code wrote them, read from the file itself (read-only, not migrated).</summary>
    private static async Task<long> PairsInFixtureAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Fixture, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "DpoPairs" """;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
