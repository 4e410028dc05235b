using System.Linq.Expressions;
using Symbolic.Kernels;
using Symbolic.Runtime;

namespace Symbolic.Tests.Dense;

/// <summary>Whether compiled code multiplies matrices on the kernel (a product was recognised), or calls another runtime method.</summary>
internal static class KernelCalls
{
    public static bool In(Expression expression) => Calls(expression, DenseRuntime.MultiplyMethod);

    /// <summary>Whether a weight matrix's gradient is written by the kernel over an uncleared block of the gradient.</summary>
    public static bool Overwrite(Expression expression) => Calls(expression, DenseRuntime.MultiplyIntoMethod);

    /// <summary>Whether a sum over a row runs as a vectorised row program (summed by <see cref="RowMaps.Sum(double[], int, int)"/>, or one <see cref="RowMaps.Dot(double[], int, double[], int, int)"/> for a product of two rows).</summary>
    public static bool RowSum(Expression expression) => Calls(expression, RowMaps.SumMethod) || Calls(expression, RowMaps.DotMethod);

    private static bool Calls(Expression expression, System.Reflection.MethodInfo method)
    {
        var finder = new Finder(method);
        finder.Visit(expression);
        return finder.Found;
    }

    private sealed class Finder(System.Reflection.MethodInfo method) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            Found |= node.Method == method;
            return base.VisitMethodCall(node);
        }
    }
}
