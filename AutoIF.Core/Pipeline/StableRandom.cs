namespace AutoIF.Core.Pipeline;

/// <summary>Seeded randomness that is the same in every process (HashCode is randomised per process, so never use it here).</summary>
public static class StableRandom
{
    public static Random For(int runSeed, long salt) => new((int)((((long)runSeed * 1_000_003L) + salt) & int.MaxValue));
}
