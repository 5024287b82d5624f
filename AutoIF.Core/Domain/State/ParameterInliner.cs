using System.Linq.Expressions;

namespace AutoIF.Core.Domain.State;

/// <summary>Puts two expressions in place of a rule's two parameters, so the rule is written once and applied to any item's columns.</summary>
internal sealed class ParameterInliner(ParameterExpression first, Expression firstValue, ParameterExpression second, Expression secondValue) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) =>
        node == first ? firstValue : node == second ? secondValue : base.VisitParameter(node);
}
