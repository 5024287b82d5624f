using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoIF.Web.Health;

/// <summary>Ready when Hangfire's storage answers and a job server is running on it.</summary>
public sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers().Count;
            return Task.FromResult(servers > 0
                ? HealthCheckResult.Healthy($"job storage answers; {servers} job servers")
                : HealthCheckResult.Degraded("job storage answers, but no job server runs on it: queued runs wait"));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"job storage does not answer ({ex.GetType().Name})"));
        }
    }
}
