using System.Linq.Expressions;
using Symbolic.CodeGeneration;
using Symbolic.Runtime;

namespace Symbolic.Tests.Backpropagation;

/// <summary>
/// Unrolled models with tens of thousands of nodes: CompileGradient splits their straight-line code into
/// methods the JIT still optimises (one method would be compiled with minimal optimisation, or rejected).
/// </summary>
public class LargeModelTests
{
    [Fact]
    public void Unrolled_Rosenbrock_in_ten_thousand_variables_compiles_and_matches_the_hand_written_gradient()
    {
        const int n = 10_000;
        var f = UnrolledRosenbrock(n);
        var x = Enumerable.Range(0, n).Select(i => (i % 2 == 0 ? -1.2 : 1.0) + 1e-4 * i).ToArray();

        var gradient = new double[n];
        var value = f.CompileGradient()(x, gradient);

        var (expectedValue, expected) = HandWrittenRosenbrock(x);
        Assert.Equal(expectedValue, value, 1e-12 * expectedValue);
        Close.Vectors(expected, gradient, relative: 1e-12);
    }

    [Fact]
    public void A_split_gradient_computes_bit_for_bit_what_the_unsplit_one_does()
    {
        var data = new Data(Enumerable.Range(0, 600).Select(k => Math.Sin(k * 0.37)).ToArray());
        var lambda = Symbolic.Pipeline.GradientOutputs.CompileableGradient<GradientFunc>(Calculus.DefaultContext, MixedModel(data, variables: 40));
        var x = Enumerable.Range(0, 40).Select(i => Math.Cos(i * 1.3)).ToArray();

        var split = MethodSplitter.Split(lambda, BufferPool.Shared, chunkSize: 300);

        Assert.NotSame(lambda, split);
        Assert.True(CountInvocations(split.Body) >= 10, "The body was not split into methods.");
        var (unsplitGradient, splitGradient) = (new double[40], new double[40]);
        Assert.Equal(lambda.Compile()(x, unsplitGradient), split.Compile()(x, splitGradient));
        Assert.Equal(unsplitGradient, splitGradient);
    }

    [Fact]
    public void A_small_gradient_is_left_in_one_method()
    {
        Expression<Func<double[], double>> f = x => Math.Sin(x[0]) * x[1];
        var lambda = Symbolic.Pipeline.GradientOutputs.CompileableGradient<GradientFunc>(Calculus.DefaultContext, f);

        Assert.Same(lambda, MethodSplitter.Split(lambda, BufferPool.Shared));
    }

    [Fact]
    public void A_split_gradient_allocates_nothing_per_call()
    {
        const int n = 3_000;
        var gradientOf = UnrolledRosenbrock(n).CompileGradient();
        var (x, gradient) = (Enumerable.Repeat(0.5, n).ToArray(), new double[n]);
        gradientOf(x, gradient);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 100; k++) gradientOf(x, gradient);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_split_gradient_gives_every_thread_the_serial_result()
    {
        var data = new Data(Enumerable.Range(0, 600).Select(k => Math.Cos(k * 0.21)).ToArray());
        var lambda = Symbolic.Pipeline.GradientOutputs.CompileableGradient<GradientFunc>(Calculus.DefaultContext, MixedModel(data, variables: 30));
        var gradientOf = MethodSplitter.Split(lambda, BufferPool.Shared, chunkSize: 300).Compile();
        var points = Enumerable.Range(0, 16).Select(p => Enumerable.Range(0, 30).Select(i => Math.Sin(p + i * 0.7)).ToArray()).ToArray();
        var serial = points.Select(p => { var g = new double[30]; return (Value: gradientOf(p, g), Gradient: g); }).ToArray();

        var parallel = new (double Value, double[] Gradient)[points.Length];
        Parallel.For(0, points.Length * 50, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            var p = k % points.Length;
            var g = new double[30];
            parallel[p] = (gradientOf(points[p], g), g);
        });

        for (var p = 0; p < points.Length; p++)
        {
            Assert.Equal(serial[p].Value, parallel[p].Value);
            Assert.Equal(serial[p].Gradient, parallel[p].Gradient);
        }
    }

    /// <summary>Σᵢ 100·(x[i+1] − x[i]²)² + (1 − x[i])², with constant indexes.</summary>
    private static Expression<Func<double[], double>> UnrolledRosenbrock(int n)
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        Expression At(int i) => Expression.ArrayIndex(x, Expression.Constant(i));
        Expression Square(Expression e) => Expression.Multiply(e, e);
        var terms = Enumerable.Range(0, n - 1).Select(i => (Expression)Expression.Add(
            Expression.Multiply(Expression.Constant(100.0), Square(Expression.Subtract(At(i + 1), Expression.Multiply(At(i), At(i))))),
            Square(Expression.Subtract(Expression.Constant(1.0), At(i)))));
        return Expression.Lambda<Func<double[], double>>(terms.Aggregate(Expression.Add), x);
    }

    private static (double Value, double[] Gradient) HandWrittenRosenbrock(double[] x)
    {
        var (value, gradient) = (0.0, new double[x.Length]);
        for (var i = 0; i < x.Length - 1; i++)
        {
            double d = x[i + 1] - x[i] * x[i], e = 1 - x[i];
            value += 100 * d * d + e * e;
            gradient[i] += -400 * x[i] * d - 2 * e;
            gradient[i + 1] += 200 * d;
        }
        return (value, gradient);
    }

    /// <summary>Captured data (read through the closure), conditionals and comparisons shared by value and gradient.</summary>
    private sealed record Data(double[] Values);

    private static Expression<Func<double[], double>> MixedModel(Data data, int variables)
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        var values = Expression.Property(Expression.Constant(data), nameof(Data.Values));
        Expression At(int i) => Expression.ArrayIndex(x, Expression.Constant(i % variables));
        Expression Datum(int k) => Expression.ArrayIndex(values, Expression.Constant(k));
        var abs = typeof(Math).GetMethod(nameof(Math.Abs), [typeof(double)])!;
        var terms = Enumerable.Range(0, data.Values.Length).Select(k => (Expression)Expression.Add(
            Expression.Call(abs, Expression.Subtract(Expression.Multiply(At(k), Datum(k)), At(k + 1))),
            Expression.Condition(Expression.GreaterThan(At(k + 2), Datum(k)),
                Expression.Call(typeof(Math).GetMethod(nameof(Math.Sin), [typeof(double)])!, Expression.Multiply(At(k), At(k + 3))),
                Expression.Call(typeof(Math).GetMethod(nameof(Math.Exp), [typeof(double)])!, Expression.Multiply(Datum(k), At(k + 5))))));
        return Expression.Lambda<Func<double[], double>>(terms.Aggregate(Expression.Add), x);
    }

    private static int CountInvocations(Expression body) => new InvocationCounter().Count(body);

    private sealed class InvocationCounter : ExpressionVisitor
    {
        private int _count;

        public int Count(Expression e)
        {
            Visit(e);
            return _count;
        }

        protected override Expression VisitInvocation(InvocationExpression node)
        {
            _count++;
            return base.VisitInvocation(node);
        }
    }
}
