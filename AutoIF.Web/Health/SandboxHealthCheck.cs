using AutoIF.Core.Sandbox;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoIF.Web.Health;

/// <summary>Ready when verifiers can run; degraded when they run without the sandbox (Sandbox:AllowUnsandboxed).</summary>
public sealed class SandboxHealthCheck(IVerifierSandbox sandbox) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await sandbox.CheckHealthAsync(cancellationToken);
        return !health.CanRunVerifiers ? HealthCheckResult.Unhealthy("verifiers cannot run: " + health.Message)
            : health.Sandboxed ? HealthCheckResult.Healthy(health.Message)
            : HealthCheckResult.Degraded(health.Message);
    }
}
