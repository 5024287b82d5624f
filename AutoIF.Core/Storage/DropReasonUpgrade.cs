using AutoIF.Core.Domain.State;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Storage;

/// <summary>
/// Gives the prose drop reasons of a database from before reason codes their code and arguments: each distinct stored text
/// without a code is read against the catalog (<see cref="DropReasons.Parse"/>: a template must render it back exactly),
/// and text no template reads is kept under <see cref="DropReasons.Legacy"/> with the text as its argument. The text
/// column is left as it was, so the grid, the exports and the funnel's examples read exactly what they read before.
/// Idempotent (only rows without a code are touched); run by <see cref="DatabaseInitializer"/> after migrations ran.
/// </summary>
public static class DropReasonUpgrade
{
    public static async Task<int> RunAsync(AutoIfDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await UpgradeAsync(db.Instructions, cancellationToken)
            + await UpgradeAsync(db.Verifiers, cancellationToken)
            + await UpgradeAsync(db.TestCases, cancellationToken)
            + await UpgradeAsync(db.Queries, cancellationToken)
            + await UpgradeAsync(db.Responses, cancellationToken);
    }

    private static async Task<int> UpgradeAsync<T>(DbSet<T> items, CancellationToken cancellationToken) where T : class, IDroppableItem
    {
        var texts = await items.Where(x => x.DropReasonCode == null && x.DropReason != null).Select(x => x.DropReason!).Distinct().ToListAsync(cancellationToken);
        var rows = 0;
        foreach (var text in texts)
        {
            var reason = DropReasons.Parse(text);
            rows += await items.Where(x => x.DropReasonCode == null && x.DropReason == text)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.DropReasonCode, reason.Code).SetProperty(x => x.DropReasonArgs, reason.ArgumentsJson), cancellationToken);
        }
        return rows;
    }
}
