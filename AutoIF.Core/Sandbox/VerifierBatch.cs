namespace AutoIF.Core.Sandbox;

/// <summary>
/// Many calls in one request. Each source and each input appears once, however many calls use it.
/// With <see cref="Calls"/> null the batch is every source on every input, and results come back source-major:
/// the result of source s on input i is at <c>s * Inputs.Count + i</c>.
/// </summary>
public sealed record VerifierBatch(IReadOnlyList<string> Sources, IReadOnlyList<string> Inputs, IReadOnlyList<VerifierCall>? Calls = null)
{
    public int CallCount => Calls?.Count ?? Sources.Count * Inputs.Count;

    public VerifierCall CallAt(int index) =>
        Calls is not null ? Calls[index] : new VerifierCall(index / Inputs.Count, index % Inputs.Count);

    /// <summary>Every source on every input.</summary>
    public static VerifierBatch CrossProduct(IReadOnlyList<string> sources, IReadOnlyList<string> inputs) => new(sources, inputs);
}
