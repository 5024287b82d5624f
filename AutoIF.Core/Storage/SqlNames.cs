using System.Linq.Expressions;
using AutoIF.Core.Domain.State;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Storage;

/// <summary>
/// Table and column names for raw SQL, quoted, read from the EF model rather than written by hand: a renamed property or
/// a column mapped to another name changes the statement with it instead of failing on one engine at run time.
/// </summary>
internal sealed class SqlNames(AutoIfDbContext db)
{
    public string Table<T>() where T : class =>
        Quote(db.Model.FindEntityType(typeof(T))?.GetTableName() ?? throw new ArgumentException($"{typeof(T).Name} is not a mapped table"));

    public string Column<T, TValue>(Expression<Func<T, TValue>> property) where T : class => Quote(ColumnName(property));

    /// <summary>The unquoted column name of <paramref name="property"/>; a clear error naming it when it is not mapped.</summary>
    public string ColumnName<T, TValue>(Expression<Func<T, TValue>> property) where T : class
    {
        ArgumentNullException.ThrowIfNull(property);
        var member = (property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : property.Body) as MemberExpression
            ?? throw new ArgumentException($"{property} is not a property of {typeof(T).Name}", nameof(property));
        return db.Model.FindEntityType(typeof(T))?.FindProperty(member.Member.Name)?.GetColumnName()
            ?? throw new ArgumentException($"{typeof(T).Name}.{member.Member.Name} is not a mapped column", nameof(property));
    }

    /// <summary>The pipeline's effective-status rule (<see cref="Domain.State.EffectiveStatus.Sql"/>) over <paramref name="alias"/>'s columns.</summary>
    public string EffectiveStatus<T>(string alias) where T : class, IReviewedItem =>
        Domain.State.EffectiveStatus.Sql($"{alias}.{Column((T item) => item.Status)}", $"{alias}.{Column((T item) => item.ReviewState)}");

    /// <summary><see cref="Domain.State.EffectiveStatus.ContinuesInPipelineSql"/> over <paramref name="alias"/>'s columns.</summary>
    public string ContinuesInPipeline<T>(string alias) where T : class, IReviewedItem =>
        Domain.State.EffectiveStatus.ContinuesInPipelineSql($"{alias}.{Column((T item) => item.Status)}", $"{alias}.{Column((T item) => item.ReviewState)}");

    private static string Quote(string name) => $"\"{name}\"";
}
