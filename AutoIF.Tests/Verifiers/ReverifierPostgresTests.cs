using AutoIF.Core.Verifiers;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Verifiers;

/// <summary>The re-verification's stored baseline and streamed diff on PostgreSQL (its JSON rows and casts differ from SQLite's).</summary>
public class ReverifierPostgresTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task On_postgresql_an_edit_into_return_true_flips_exactly_its_false_verdicts_and_the_baseline_is_cleared()
    {
        await using var harness = await PipelineHarness.StartAsync(postgres.StorageSettings("autoif_reverify"));
        var run = await VersionedRun.CreateAsync(harness, dropVacuous: false);
        var reverifier = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<Reverifier>(harness.Database.Services);
        reverifier.ResponsesPerChunk = 7;
        var vacuous = await harness.Get<VerifierVersions>().EditAsync(run.Exact, VersionedRun.AcceptsAll, null);

        var diff = await reverifier.ExecuteAsync(await harness.Get<ReverificationStore>().CreateAsync(run.RunId, null), CancellationToken.None);

        var flipped = Assert.Single(diff.Verifiers, v => v.TrueToFalse + v.FalseToTrue > 0);
        Assert.Equal((vacuous.Id, 2, 1, 0, 20), (flipped.VerifierId, flipped.Version, flipped.FromVersion, flipped.TrueToFalse, flipped.FalseToTrue));
        Assert.Equal("word1 word2 word3 word4 word5", flipped.Examples[0].Response);
        Assert.Equal(5, diff.ResponsesChanged);
        await using var db = harness.CreateContext();
        Assert.Equal(0, await db.ReverificationVerdicts.CountAsync());
    }
}
