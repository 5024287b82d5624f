using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Pipeline;

namespace AutoIF.Tests.Reports;

/// <summary>The facts of <see cref="CalibrationQueryTests"/> on PostgreSQL: the same rows and the same counts from the other engine.</summary>
public class PostgresCalibrationQueryTests(PostgresServer postgres) : CalibrationQueryTests, IClassFixture<PostgresServer>
{
    protected override Task<PipelineHarness> StartHarnessAsync() => PipelineHarness.StartAsync(postgres.StorageSettings($"calibration_{Guid.NewGuid():N}"));
}
