using System.Linq.Expressions;

namespace Symbolic.Tests.Backpropagation;

/// <summary>The indexes a lambda reads its first (double[]) parameter at; fails on a non-constant index.</summary>
internal static class ArrayIndexes
{
    public static IReadOnlyList<int> Of(LambdaExpression f)
    {
        var finder = new Finder(f.Parameters[0]);
        finder.Visit(f.Body);
        return finder.Indexes;
    }

    private sealed class Finder(ParameterExpression x) : ExpressionVisitor
    {
        public List<int> Indexes { get; } = [];

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.NodeType == ExpressionType.ArrayIndex && node.Left == x)
                Indexes.Add(node.Right is ConstantExpression { Value: int i } ? i : throw new InvalidOperationException($"Non-constant index {node}."));
            return base.VisitBinary(node);
        }
    }
}
