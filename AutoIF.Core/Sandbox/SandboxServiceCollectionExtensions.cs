using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SandboxOptions"/> (section <c>Sandbox</c>, validated at start), the worker pool as the
    /// singleton <see cref="IVerifierSandbox"/> (disposed on shutdown, which kills the workers) and a background
    /// start-up check that logs the sandbox status.
    /// </summary>
    public static IServiceCollection AddVerifierSandbox(this IServiceCollection services)
    {
        services.AddValidatedOptions<SandboxOptions>(SandboxOptions.SectionName);
        services.TryAddSingleton(sp => new VerifierSandbox(
            sp.GetRequiredService<IOptions<SandboxOptions>>().Value,
            sp.GetRequiredService<ILogger<VerifierSandbox>>()));
        services.TryAddSingleton<IVerifierSandbox>(sp => sp.GetRequiredService<VerifierSandbox>());
        services.AddHostedService<SandboxStartupCheck>();
        return services;
    }
}
