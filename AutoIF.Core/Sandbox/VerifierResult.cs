namespace AutoIF.Core.Sandbox;

/// <summary>
/// What one call of <c>evaluate(response)</c> produced. <see cref="Detail"/> holds the error message, the returned
/// type name, the reason of a timeout or crash, and anything the function printed; it is capped.
/// </summary>
public sealed record VerifierResult(VerdictKind Kind, string? Detail = null)
{
    /// <summary>Only <see cref="VerdictKind.True"/> passes.</summary>
    public bool Passed => Kind == VerdictKind.True;
}
