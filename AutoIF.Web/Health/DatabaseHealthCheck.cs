using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoIF.Web.Health;

/// <summary>Ready when the app's database answers a query.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<AutoIfDbContext> contextFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await db.Runs.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy("database answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The kind only: a provider's message can hold a host name or a connection detail.
            return HealthCheckResult.Unhealthy($"database does not answer ({ex.GetType().Name})");
        }
    }
}
