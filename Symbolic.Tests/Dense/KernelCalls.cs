using System.Linq.Expressions;
using Symbolic.Kernels;

namespace Symbolic.Tests.Dense;

/// <summary>Whether compiled code multiplies matrices on the kernel (a product was recognised).</summary>
internal static class KernelCalls
{
    public static bool In(Expression expression)
    {
        var finder = new Finder();
        finder.Visit(expression);
        return finder.Found;
    }

    private sealed class Finder : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            Found |= node.Method == DenseRuntime.MultiplyMethod;
            return base.VisitMethodCall(node);
        }
    }
}
