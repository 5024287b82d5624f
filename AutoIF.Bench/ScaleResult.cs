namespace AutoIF.Bench;

/// <summary>One configuration of the scale benchmark: what it was given, what it took, and what its run kept.</summary>
internal sealed record ScaleResult(
    int Workers,
    int Endpoints,
    double WallSeconds,
    double FromStartSeconds,
    int ModelCalls,
    double ModelLatencySeconds,
    int SlotsPerEndpoint,
    int MaxInFlightPerEndpoint,
    int SandboxCalls,
    double VerifySeconds,
    int VerifyChunks,
    int ChunkWorkers,
    double SandboxCpuSeconds,
    string LoadBefore,
    string LoadAfter,
    ScaleKept Kept)
{
    public double ModelCallsPerSecond => ModelCalls / WallSeconds;

    /// <summary>Sum of call latencies over the slots of every endpoint for the whole run.</summary>
    public double SlotsBusy => ModelLatencySeconds / (SlotsPerEndpoint * Endpoints * WallSeconds);

    public double SandboxCallsPerSecond => VerifySeconds <= 0 ? 0 : SandboxCalls / VerifySeconds;
}
