using System.Linq.Expressions;
using Symbolic.CodeGeneration;
using Symbolic.Runtime;

namespace Symbolic.Tests.Backpropagation;

/// <summary>Compiled gradients take sin u and cos u of the same u from one Math.SinCos call.</summary>
public class SinCosTests
{
    [Fact]
    public void A_compiled_gradient_computes_sine_and_cosine_of_one_argument_with_one_call()
    {
        Expression<Func<double[], double>> f = x => Math.Sin(x[0] * x[1]) * Math.Exp(-x[1]) + Math.Log(1 + x[0] * x[0]);

        var calls = MethodCalls.In(f.GradientExpression());

        Assert.Equal(1, calls.Count(m => m.Name == nameof(Math.SinCos)));
        Assert.DoesNotContain(calls, m => m.Name is nameof(Math.Sin) or nameof(Math.Cos));
    }

    [Fact]
    public void The_sine_cosine_pair_gives_the_values_of_separate_calls()
    {
        Expression<Func<double[], double>> f = x => Math.Sin(x[0] * x[1]) * Math.Exp(-x[1]) + Math.Cos(x[0] - x[1]) * x[0];
        var compiled = f.CompileGradient();
        var separate = f.Grad().Compile();
        foreach (var point in new double[][] { [0.3, -1.2], [2.5, 0.7], [-40.0, 13.0], [1e5, 3.0] })
        {
            var gradient = new double[2];
            var value = compiled(point, gradient);

            Assert.Equal(f.Compile()(point), value, 1e-15 * Math.Max(1, Math.Abs(value)));
            Close.Vectors(separate(point), gradient, relative: 1e-15);
        }
    }

    [Fact]
    public void A_sine_cosine_pair_crossing_split_methods_keeps_both_values()
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        Expression At(int i) => Expression.ArrayIndex(x, Expression.Constant(i % 7));
        var sin = typeof(Math).GetMethod(nameof(Math.Sin), [typeof(double)])!;
        var cos = typeof(Math).GetMethod(nameof(Math.Cos), [typeof(double)])!;
        // sin(x_k·x_k+1) early in each term, cos of the same product at the very end: the pair lives long.
        var terms = Enumerable.Range(0, 150).Select(k => (Expression)Expression.Multiply(Expression.Call(sin, Expression.Multiply(At(k), At(k + 1))), At(k + 2))).ToList();
        terms.AddRange(Enumerable.Range(0, 150).Select(k => (Expression)Expression.Call(cos, Expression.Multiply(At(k), At(k + 1)))));
        var f = Expression.Lambda<Func<double[], double>>(terms.Aggregate(Expression.Add), x);
        var lambda = Symbolic.Pipeline.GradientOutputs.CompileableGradient<GradientFunc>(Calculus.DefaultContext, f);
        var point = Enumerable.Range(0, 7).Select(i => 0.3 + 0.2 * i).ToArray();

        var split = MethodSplitter.Split(lambda, BufferPool.Shared, chunkSize: 200);

        Assert.NotSame(lambda, split);
        var (unsplitGradient, splitGradient) = (new double[7], new double[7]);
        Assert.Equal(lambda.Compile()(point, unsplitGradient), split.Compile()(point, splitGradient));
        Assert.Equal(unsplitGradient, splitGradient);
    }

    private sealed class MethodCalls : ExpressionVisitor
    {
        private readonly List<System.Reflection.MethodInfo> _found = [];

        public static List<System.Reflection.MethodInfo> In(Expression e)
        {
            var visitor = new MethodCalls();
            visitor.Visit(e);
            return visitor._found;
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            _found.Add(node.Method);
            return base.VisitMethodCall(node);
        }
    }
}
