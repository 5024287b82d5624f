using System.Linq.Expressions;

namespace AutoIF.Core.Domain.State;

/// <summary>Puts expressions in place of a rule's parameters, so the rule is written once and applied to any item's columns.</summary>
internal sealed class ParameterInliner(IReadOnlyDictionary<ParameterExpression, Expression> values) : ExpressionVisitor
{
    public ParameterInliner(ParameterExpression first, Expression firstValue, ParameterExpression second, Expression secondValue)
        : this(new Dictionary<ParameterExpression, Expression> { [first] = firstValue, [second] = secondValue })
    {
    }

    protected override Expression VisitParameter(ParameterExpression node) =>
        values.TryGetValue(node, out var value) ? value : base.VisitParameter(node);
}
