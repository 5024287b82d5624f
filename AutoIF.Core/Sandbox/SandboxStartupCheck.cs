using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoIF.Core.Sandbox;

/// <summary>Checks the sandbox in the background at start (app start is not blocked) and logs the outcome.</summary>
internal sealed class SandboxStartupCheck(IVerifierSandbox sandbox, ILogger<SandboxStartupCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var health = await sandbox.CheckHealthAsync(stoppingToken);
            if (!health.CanRunVerifiers)
            {
                logger.LogError("Verifier sandbox unavailable: {Message}", health.Message);
            }
            else if (!health.Sandboxed)
            {
                logger.LogWarning("Verifier sandbox: {Message}", health.Message);
            }
            else
            {
                logger.LogInformation("Verifier sandbox: {Message}", health.Message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
