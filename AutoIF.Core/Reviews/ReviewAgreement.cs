namespace AutoIF.Core.Reviews;

/// <summary>
/// How the latest human decision on each reviewed item of a run compares with the automatic filter. Approving a kept
/// item or rejecting a dropped one agrees; the reverse overturns; items the filter had not decided yet are undecided.
/// </summary>
public sealed record ReviewAgreement(int RunId, ReviewTarget? Target, int Reviewed, int Agreed, int Overturned, int Undecided)
{
    /// <summary>Share of decided items where the human agreed; null with nothing decided.</summary>
    public double? AgreementRate => Agreed + Overturned == 0 ? null : (double)Agreed / (Agreed + Overturned);
}
