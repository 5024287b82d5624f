using System.Linq.Expressions;

namespace AutoIF.Core.Domain.State;

/// <summary>
/// THE rule that a human decision overrides the filter, written once: a rejection beats everything, an approval beats a
/// filter drop (and a pending status); without a decision the filter's status stands. <see cref="Rule"/> is an expression
/// so EF Core translates it to SQL wherever it is applied (<see cref="Of{T}()"/>, <see cref="Is{T}(ItemStatus)"/>, the
/// path overloads for joined or navigated items); <see cref="Of(ItemStatus, ReviewState)"/> is the same expression
/// compiled for memory. Raw SQL takes <see cref="Sql"/>, which a test checks against the expression on every combination.
/// </summary>
public static class EffectiveStatus
{
    public static readonly Expression<Func<ItemStatus, ReviewState, ItemStatus>> Rule = (status, review) =>
        review == ReviewState.Rejected ? ItemStatus.Dropped
        : review == ReviewState.Approved ? ItemStatus.Kept
        : status;

    private static readonly Func<ItemStatus, ReviewState, ItemStatus> Compiled = Rule.Compile();

    public static ItemStatus Of(ItemStatus status, ReviewState review) => Compiled(status, review);

    public static ItemStatus Of(IReviewedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Compiled(item.Status, item.ReviewState);
    }

    /// <summary><paramref name="status"/> overridden by <paramref name="review"/>, unless rejections are ignored (exports with IncludeRejected).</summary>
    public static ItemStatus Of(ItemStatus status, ReviewState review, bool ignoreRejection) =>
        Compiled(status, ignoreRejection && review == ReviewState.Rejected ? ReviewState.None : review);

    /// <summary><c>item =&gt; Rule(item.Status, item.ReviewState)</c>, for Select and GroupBy.</summary>
    public static Expression<Func<T, ItemStatus>> Of<T>() where T : IReviewedItem => Of((T item) => item);

    /// <summary>The effective status of the item <paramref name="path"/> reaches from a row (a join, a navigation).</summary>
    public static Expression<Func<TRow, ItemStatus>> Of<TRow, T>(Expression<Func<TRow, T>> path, bool ignoreRejection = false) where T : IReviewedItem
    {
        ArgumentNullException.ThrowIfNull(path);
        var item = path.Body;
        Expression review = Expression.Property(item, nameof(IReviewedItem.ReviewState));
        if (ignoreRejection)
        {
            review = Expression.Condition(Expression.Equal(review, Expression.Constant(ReviewState.Rejected)), Expression.Constant(ReviewState.None), review);
        }
        var body = new ParameterInliner(Rule.Parameters[0], Expression.Property(item, nameof(IReviewedItem.Status)), Rule.Parameters[1], review).Visit(Rule.Body);
        return Expression.Lambda<Func<TRow, ItemStatus>>(body, path.Parameters);
    }

    /// <summary><c>item =&gt; Rule(item.Status, item.ReviewState) == status</c>, for Where and Count.</summary>
    public static Expression<Func<T, bool>> Is<T>(ItemStatus status) where T : IReviewedItem => Is((T item) => item, status);

    public static Expression<Func<TRow, bool>> Is<TRow, T>(Expression<Func<TRow, T>> path, ItemStatus status, bool ignoreRejection = false) where T : IReviewedItem
    {
        var effective = Of(path, ignoreRejection);
        return Expression.Lambda<Func<TRow, bool>>(Expression.Equal(effective.Body, Expression.Constant(status)), effective.Parameters);
    }

    public static Expression<Func<TRow, bool>> IsNot<TRow, T>(Expression<Func<TRow, T>> path, ItemStatus status, bool ignoreRejection = false) where T : IReviewedItem
    {
        var effective = Of(path, ignoreRejection);
        return Expression.Lambda<Func<TRow, bool>>(Expression.NotEqual(effective.Body, Expression.Constant(status)), effective.Parameters);
    }

    /// <summary>
    /// The rule as a SQL expression over an item's status and review-state columns (both stored as integers, given as
    /// the caller's quoted column references, which <c>SqlNames.EffectiveStatus</c> reads from the EF model), for the
    /// statements EF cannot write (INSERT … SELECT). Kept beside <see cref="Rule"/> and tested against it.
    /// </summary>
    public static string Sql(string status, string review) =>
        $"""(CASE WHEN {review} = {(int)ReviewState.Rejected} THEN {(int)ItemStatus.Dropped} WHEN {review} = {(int)ReviewState.Approved} THEN {(int)ItemStatus.Kept} ELSE {status} END)""";

    /// <summary>
    /// Whether the pipeline carries an item on to its next stages: the filter kept it and nobody rejected it. Not the
    /// effective status: an approval makes a dropped item count and export, but the pipeline does not resurrect it.
    /// </summary>
    public static Expression<Func<TRow, bool>> ContinuesInPipeline<TRow, T>(Expression<Func<TRow, T>> path) where T : IReviewedItem
    {
        ArgumentNullException.ThrowIfNull(path);
        var item = path.Body;
        var body = Expression.AndAlso(
            Expression.Equal(Expression.Property(item, nameof(IReviewedItem.Status)), Expression.Constant(ItemStatus.Kept)),
            Expression.NotEqual(Expression.Property(item, nameof(IReviewedItem.ReviewState)), Expression.Constant(ReviewState.Rejected)));
        return Expression.Lambda<Func<TRow, bool>>(body, path.Parameters);
    }

    public static Expression<Func<T, bool>> ContinuesInPipeline<T>() where T : IReviewedItem => ContinuesInPipeline((T item) => item);

    /// <summary><see cref="ContinuesInPipeline{T}()"/> as SQL over the same column references as <see cref="Sql"/>; tested against the expression.</summary>
    public static string ContinuesInPipelineSql(string status, string review) =>
        $"""({status} = {(int)ItemStatus.Kept} AND {review} <> {(int)ReviewState.Rejected})""";
}
