namespace AutoIF.Core.Reviews;

/// <summary>
/// Chance-corrected agreement between reviewers on approve/reject (decision 033). Both return null when it is undefined:
/// no item, or chance agreement is 1 (every decision was the same, so there is nothing to correct for).
/// </summary>
public static class Kappa
{
    /// <summary>
    /// Cohen's kappa for two reviewers over the items both decided, each as (first approved, second approved):
    /// (p_o − p_e) / (1 − p_e), with p_e from each reviewer's own approval rate.
    /// </summary>
    public static double? Cohen(IReadOnlyCollection<(bool First, bool Second)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return null;
        }
        double n = items.Count;
        var observed = items.Count(i => i.First == i.Second) / n;
        var first = items.Count(i => i.First) / n;
        var second = items.Count(i => i.Second) / n;
        var chance = (first * second) + ((1 - first) * (1 - second));
        return chance >= 1 ? null : (observed - chance) / (1 - chance);
    }

    /// <summary>
    /// Fleiss' kappa over items each decided by two or more reviewers, as (approvals, rejections). An item's agreement is
    /// the share of its agreeing reviewer pairs, so items may have different numbers of reviewers (with the same number
    /// on every item this is Fleiss' formula exactly); chance is the square sum of the two decisions' overall shares.
    /// </summary>
    public static double? Fleiss(IReadOnlyCollection<(int Approvals, int Rejections)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var rated = items.Where(i => i.Approvals + i.Rejections >= 2).ToList();
        if (rated.Count == 0)
        {
            return null;
        }
        var observed = rated.Average(i =>
        {
            double n = i.Approvals + i.Rejections;
            return ((double)i.Approvals * (i.Approvals - 1) + (double)i.Rejections * (i.Rejections - 1)) / (n * (n - 1));
        });
        var approved = rated.Sum(i => (double)i.Approvals) / rated.Sum(i => (double)(i.Approvals + i.Rejections));
        var chance = (approved * approved) + ((1 - approved) * (1 - approved));
        return chance >= 1 ? null : (observed - chance) / (1 - chance);
    }
}
