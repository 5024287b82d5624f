using System.Linq.Expressions;

namespace AutoIF.Core.Domain.State;

/// <summary>
/// THE rule for whether a DPO pair counts and exports (decision 021), built on <see cref="EffectiveStatus.Rule"/>: the
/// pair's own effective status (its filter status with its own review on top), dropped when a side no longer stands. A
/// side stands by the same rule applied to the side as the builder took it (fit for its side: kept) with the side's own
/// review on top: a rejection of the response takes the pair out, an approval of it changes nothing. The sides' filter
/// statuses are not read: a rejected side is dropped by construction (accuracy 0), and which responses may be chosen
/// the builder decided when it paired them.
/// <para>
/// <see cref="Rule"/> is the expression EF translates, applied to a pair and its joined sides by <see cref="Of{TRow}"/>,
/// <see cref="Is{TRow}"/> and <see cref="WherePairIs{TRow}"/>; <see cref="Of(ItemStatus, ReviewState, ReviewState, ReviewState)"/>
/// is the same expression compiled; <see cref="TakesASide{T}"/> is its side part alone, with which the builder picks the
/// responses that may take a side.
/// </para>
/// </summary>
public static class PairEffectiveStatus
{
    /// <summary>
    /// (pair status, pair review, chosen side's review, rejected side's review) → the pair's effective status. A side that
    /// nobody reviews (an instruction-level pair's test case) or that is gone has review <see cref="ReviewState.None"/>.
    /// </summary>
    public static readonly Expression<Func<ItemStatus, ReviewState, ReviewState, ReviewState, ItemStatus>> Rule = BuildRule();

    private static readonly Func<ItemStatus, ReviewState, ReviewState, ReviewState, ItemStatus> Compiled = Rule.Compile();

    public static ItemStatus Of(ItemStatus status, ReviewState review, ReviewState chosenReview, ReviewState rejectedReview) =>
        Compiled(status, review, chosenReview, rejectedReview);

    /// <summary>Whether an item may still take a side of a pair: the side part of <see cref="Rule"/> (not rejected by a human).</summary>
    public static Expression<Func<T, bool>> TakesASide<T>() where T : IReviewedItem
    {
        var item = Expression.Parameter(typeof(T), "side");
        return Expression.Lambda<Func<T, bool>>(Stands(Expression.Property(item, nameof(IReviewedItem.ReviewState))), item);
    }

    /// <summary>
    /// The effective status of the pair <paramref name="pair"/> reaches from a row, with the sides <paramref name="chosen"/>
    /// and <paramref name="rejected"/> reach (left-joined: null for test-case sides and deleted responses). With
    /// <paramref name="ignoreRejection"/> (exports with IncludeRejected) no rejection counts, the pair's or a side's.
    /// </summary>
    public static Expression<Func<TRow, ItemStatus>> Of<TRow>(
        Expression<Func<TRow, DpoPair>> pair, Expression<Func<TRow, Response?>> chosen, Expression<Func<TRow, Response?>> rejected, bool ignoreRejection = false)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(rejected);
        var row = pair.Parameters[0];
        Expression OnRow(LambdaExpression path) => new ParameterInliner(new Dictionary<ParameterExpression, Expression> { [path.Parameters[0]] = row }).Visit(path.Body);
        Expression Counted(Expression review) => ignoreRejection
            ? Expression.Condition(Expression.Equal(review, Expression.Constant(ReviewState.Rejected)), Expression.Constant(ReviewState.None), review)
            : review;
        Expression SideReview(Expression side) => Counted(Expression.Condition(
            Expression.Equal(side, Expression.Constant(null, side.Type)),
            Expression.Constant(ReviewState.None),
            Expression.Property(side, nameof(IReviewedItem.ReviewState))));
        var body = new ParameterInliner(new Dictionary<ParameterExpression, Expression>
        {
            [Rule.Parameters[0]] = Expression.Property(pair.Body, nameof(IReviewedItem.Status)),
            [Rule.Parameters[1]] = Counted(Expression.Property(pair.Body, nameof(IReviewedItem.ReviewState))),
            [Rule.Parameters[2]] = SideReview(OnRow(chosen)),
            [Rule.Parameters[3]] = SideReview(OnRow(rejected)),
        }).Visit(Rule.Body);
        return Expression.Lambda<Func<TRow, ItemStatus>>(body, row);
    }

    /// <summary><see cref="Of{TRow}"/> <c>== status</c>, for Where and Count.</summary>
    public static Expression<Func<TRow, bool>> Is<TRow>(
        Expression<Func<TRow, DpoPair>> pair, Expression<Func<TRow, Response?>> chosen, Expression<Func<TRow, Response?>> rejected, ItemStatus status, bool ignoreRejection = false)
    {
        var effective = Of(pair, chosen, rejected, ignoreRejection);
        return Expression.Lambda<Func<TRow, bool>>(Expression.Equal(effective.Body, Expression.Constant(status)), effective.Parameters);
    }

    /// <summary><see cref="Is{TRow}"/> as a filter, for rows of an anonymous type (a join the caller wrote).</summary>
    public static IQueryable<TRow> WherePairIs<TRow>(
        this IQueryable<TRow> rows, ItemStatus status, Expression<Func<TRow, DpoPair>> pair, Expression<Func<TRow, Response?>> chosen, Expression<Func<TRow, Response?>> rejected, bool ignoreRejection = false) =>
        rows.Where(Is(pair, chosen, rejected, status, ignoreRejection));

    private static Expression<Func<ItemStatus, ReviewState, ReviewState, ReviewState, ItemStatus>> BuildRule()
    {
        var status = Expression.Parameter(typeof(ItemStatus), "status");
        var review = Expression.Parameter(typeof(ReviewState), "review");
        var chosenReview = Expression.Parameter(typeof(ReviewState), "chosenReview");
        var rejectedReview = Expression.Parameter(typeof(ReviewState), "rejectedReview");
        var body = Expression.Condition(
            Expression.AndAlso(Stands(chosenReview), Stands(rejectedReview)),
            Effective(status, review),
            Expression.Constant(ItemStatus.Dropped));
        return Expression.Lambda<Func<ItemStatus, ReviewState, ReviewState, ReviewState, ItemStatus>>(body, status, review, chosenReview, rejectedReview);
    }

    /// <summary><see cref="EffectiveStatus.Rule"/> on the given status and review.</summary>
    private static Expression Effective(Expression status, Expression review) =>
        new ParameterInliner(EffectiveStatus.Rule.Parameters[0], status, EffectiveStatus.Rule.Parameters[1], review).Visit(EffectiveStatus.Rule.Body);

    /// <summary>A side as paired (kept for its side) with its review on top, by <see cref="EffectiveStatus.Rule"/>, is still kept.</summary>
    private static Expression Stands(Expression sideReview) =>
        Expression.Equal(Effective(Expression.Constant(ItemStatus.Kept), sideReview), Expression.Constant(ItemStatus.Kept));
}
