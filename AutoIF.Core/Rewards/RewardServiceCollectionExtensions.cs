using AutoIF.Core.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Rewards;

public static class RewardServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RewardOptions"/> (section <c>Reward</c>, validated at start), the reward service's own sandbox
    /// pool (the Sandbox settings with Reward:Workers workers and Reward:WarmVerifiers, started on the first request), the run cache, the
    /// micro-batcher and the request counters.
    /// </summary>
    public static IServiceCollection AddRewardService(this IServiceCollection services)
    {
        services.AddOptions<RewardOptions>().BindConfiguration(RewardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = new SandboxOptions();
            sp.GetRequiredService<IConfiguration>().GetSection(SandboxOptions.SectionName).Bind(options);
            var reward = sp.GetRequiredService<IOptions<RewardOptions>>().Value;
            options.Workers = reward.Workers;
            options.WarmVerifiers = reward.WarmVerifiers;
            return new RewardSandbox(new VerifierSandbox(options, sp.GetRequiredService<ILogger<VerifierSandbox>>()));
        });
        services.AddSingleton<RewardRunCache>();
        services.AddSingleton<RewardRolloutResolver>();
        services.AddSingleton<RewardBatcher>();
        services.AddSingleton<RewardStats>();
        return services;
    }
}
