namespace AutoIF.Bench;

/// <summary>What a run kept, which must not depend on how many workers or endpoints did the work.</summary>
internal sealed record ScaleKept(int Instructions, int Responses, int Verdicts, int Pairs)
{
    public override string ToString() => $"{Instructions} instructions, {Responses} responses and {Pairs} pairs kept, {Verdicts} verdicts";
}
