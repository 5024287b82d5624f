using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Pipeline;

namespace AutoIF.Tests.Reports;

/// <summary>The facts of <see cref="DifficultyQueryTests"/> on PostgreSQL: the same rows and the same counts from the other engine.</summary>
public class PostgresDifficultyQueryTests(PostgresServer postgres) : DifficultyQueryTests, IClassFixture<PostgresServer>
{
    protected override Task<PipelineHarness> StartHarnessAsync() => PipelineHarness.StartAsync(postgres.StorageSettings($"difficulty_{Guid.NewGuid():N}"));
}
