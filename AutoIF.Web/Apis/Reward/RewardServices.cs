using AutoIF.Core.Rewards;
using Microsoft.Extensions.Options;

namespace AutoIF.Web.Apis.Reward;

/// <summary>What the reward endpoints need, bound with <c>[AsParameters]</c> (each constructor parameter matches a property).</summary>
public sealed class RewardServices(RewardRolloutResolver resolver, RewardBatcher batcher, IOptions<RewardOptions> options)
{
    public RewardRolloutResolver Resolver { get; } = resolver;

    public RewardBatcher Batcher { get; } = batcher;

    public IOptions<RewardOptions> Options { get; } = options;
}
