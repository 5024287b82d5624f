namespace AutoIF.Core.Sandbox;

/// <summary>
/// A slice of a request sent to one worker as one message: its own sources and inputs (each once) and the calls
/// between them as local index pairs, with the result slot of each call in the owning request.
/// </summary>
internal sealed class SandboxJob
{
    public required SandboxRequest Request { get; init; }

    public required WorkerJobKind Kind { get; init; }

    public required string[] SourceHashes { get; init; }

    public required string[] Sources { get; init; }

    /// <summary>Null for a check job.</summary>
    public string[]? Inputs { get; init; }

    /// <summary>Flat (source, input) local index pairs; null for a check job (one result per source).</summary>
    public int[]? Calls { get; init; }

    public required int[] Slots { get; init; }

    /// <summary>How many times this slice already failed with its first call unfinished.</summary>
    public int Attempt { get; init; }

    public int Count => Slots.Length;

    /// <summary>The calls from position <paramref name="from"/> on, to run again on another worker.</summary>
    public SandboxJob Remainder(int from, int attempt)
    {
        if (Kind == WorkerJobKind.Check)
        {
            return new SandboxJob
            {
                Request = Request,
                Kind = Kind,
                SourceHashes = SourceHashes[from..],
                Sources = Sources[from..],
                Slots = Slots[from..],
                Attempt = attempt,
            };
        }
        return new SandboxJob
        {
            Request = Request,
            Kind = Kind,
            SourceHashes = SourceHashes,
            Sources = Sources,
            Inputs = Inputs,
            Calls = Calls![(2 * from)..],
            Slots = Slots[from..],
            Attempt = attempt,
        };
    }
}
