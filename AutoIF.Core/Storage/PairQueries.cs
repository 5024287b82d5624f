using System.Linq.Expressions;
using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;

namespace AutoIF.Core.Storage;

/// <summary>Pairs joined to their sides, and <see cref="PairEffectiveStatus"/> on them: what every pair count reads.</summary>
public static class PairQueries
{
    /// <summary>Counts and exports: the pair is kept and no side was rejected (<see cref="PairEffectiveStatus"/>).</summary>
    public static readonly Expression<Func<PairWithSides, bool>> Kept =
        PairEffectiveStatus.Is((PairWithSides p) => p.Pair, p => p.Chosen, p => p.Rejected, ItemStatus.Kept);

    public static readonly Expression<Func<PairWithSides, ItemStatus>> Effective =
        PairEffectiveStatus.Of((PairWithSides p) => p.Pair, p => p.Chosen, p => p.Rejected);

    public static IQueryable<PairWithSides> WithSides(this AutoIfDbContext db, IQueryable<DpoPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from d in pairs
               join c in db.Responses on d.ChosenResponseId equals (long?)c.Id into chosen
               from c in chosen.DefaultIfEmpty()
               join x in db.Responses on d.RejectedResponseId equals (long?)x.Id into rejected
               from x in rejected.DefaultIfEmpty()
               select new PairWithSides { Pair = d, Chosen = c, Rejected = x };
    }
}
