using AutoIF.Core.Sandbox;

namespace AutoIF.Core.Rewards;

/// <summary>
/// The reward service's own pool of sandbox workers (Reward:Workers), with the Sandbox settings otherwise: a trainer's
/// requests never queue behind a batch verification's jobs, which can hold every shared worker for seconds.
/// </summary>
public sealed class RewardSandbox(VerifierSandbox pool) : IAsyncDisposable
{
    public IVerifierSandbox Pool => pool;

    public ValueTask DisposeAsync() => pool.DisposeAsync();
}
