using System.Linq.Expressions;
using System.Reflection;

namespace Symbolic.Bench.Models;

/// <summary>
/// The models of the backpropagation issue, built with the Expression API so that every index of x is an
/// integer constant (what <see cref="Calculus.CompileGradient"/> reads) and every data value an inline
/// constant. The hand-written gradients live beside each benchmark, in Symbolic.Bench/Backpropagation.
/// </summary>
public static class BackpropagationModels
{
    private static readonly MethodInfo Pow = typeof(Math).GetMethod(nameof(Math.Pow), [typeof(double), typeof(double)])!;
    private static readonly MethodInfo Sin = typeof(Math).GetMethod(nameof(Math.Sin), [typeof(double)])!;
    private static readonly MethodInfo Tanh = typeof(Math).GetMethod(nameof(Math.Tanh), [typeof(double)])!;

    private static Expression Element(ParameterExpression x, int index) => Expression.ArrayIndex(x, Expression.Constant(index));

    private static Expression Square(Expression e) => Expression.Call(Pow, e, Expression.Constant(2.0));

    // ---------------------------------------------------------------- (a) chained Rosenbrock

    /// <summary>
    /// Chained Rosenbrock, unrolled: x =&gt; Σᵢ₌₀ⁿ⁻² 100·Math.Pow(x[i+1] − x[i]·x[i], 2) + Math.Pow(1 − x[i], 2),
    /// written with constant indexes (n − 1 terms, left to right).
    /// </summary>
    public static Expression<Func<double[], double>> ChainedRosenbrock(int n)
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        Expression? sum = null;
        for (var i = 0; i < n - 1; i++)
        {
            var term = Expression.Add(
                Expression.Multiply(Expression.Constant(100.0), Square(Expression.Subtract(Element(x, i + 1), Expression.Multiply(Element(x, i), Element(x, i))))),
                Square(Expression.Subtract(Expression.Constant(1.0), Element(x, i))));
            sum = sum is null ? term : Expression.Add(sum, term);
        }
        return Expression.Lambda<Func<double[], double>>(sum ?? Expression.Constant(0.0), x);
    }

    /// <summary>The classic starting point (−1.2, 1, −1.2, 1, ...), perturbed so that no two entries are equal.</summary>
    public static double[] RosenbrockPoint(int n) => [.. Enumerable.Range(0, n).Select(i => (i % 2 == 0 ? -1.2 : 1.0) + 0.001 * i)];

    // ---------------------------------------------------------------- (b) a scalar function of two variables

    /// <summary>f(x, y) = sin(x)·exp(−y²) + log(1 + x²)/(1 + y²), over x[0] and x[1].</summary>
    public static Expression<Func<double[], double>> ScalarFunction { get; } =
        x => Math.Sin(x[0]) * Math.Exp(-(x[1] * x[1])) + Math.Log(1 + x[0] * x[0]) / (1 + x[1] * x[1]);

    /// <summary>The same function of two doubles (for the tuple <c>Grad</c>).</summary>
    public static Expression<Func<double, double, double>> ScalarFunctionOfTwo { get; } =
        (x, y) => Math.Sin(x) * Math.Exp(-(y * y)) + Math.Log(1 + x * x) / (1 + y * y);

    // ---------------------------------------------------------------- (c) 4-16-1 tanh MLP

    /// <summary>Inputs of the MLP.</summary>
    public const int MlpInputs = 4;

    /// <summary>Hidden units of the MLP.</summary>
    public const int MlpHidden = 16;

    /// <summary>Data points of the MLP's loss.</summary>
    public const int MlpPoints = 32;

    /// <summary>Offsets into the packed parameter vector: W1 (16×4, row-major: W1[j,k] = p[4j + k]), b1, W2, b2.</summary>
    public const int MlpW1 = 0, MlpB1 = MlpHidden * MlpInputs, MlpW2 = MlpB1 + MlpHidden, MlpB2 = MlpW2 + MlpHidden, MlpParameters = MlpB2 + 1;

    /// <summary>The data inputs, point n at [4n .. 4n + 3]: uniform in [−1, 1], fixed seed.</summary>
    public static double[] MlpData { get; }

    /// <summary>The targets: sin(πx₀)·x₁ + 0.5·x₂ − x₃² plus a little noise, fixed seed.</summary>
    public static double[] MlpTargets { get; }

    /// <summary>A parameter vector (uniform in [−0.5, 0.5], fixed seed) at which the gradient is evaluated.</summary>
    public static double[] MlpPoint()
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, MlpParameters).Select(_ => random.NextDouble() - 0.5)];
    }

    static BackpropagationModels()
    {
        var random = new Random(20_240_601);
        MlpData = [.. Enumerable.Range(0, MlpPoints * MlpInputs).Select(_ => 2 * random.NextDouble() - 1)];
        MlpTargets = [.. Enumerable.Range(0, MlpPoints).Select(n =>
        {
            var d = MlpData.AsSpan(n * MlpInputs, MlpInputs);
            return Math.Sin(Math.PI * d[0]) * d[1] + 0.5 * d[2] - d[3] * d[3] + 0.05 * (random.NextDouble() - 0.5);
        })];
    }

    /// <summary>
    /// The squared-error loss of a 4-16-1 tanh MLP over the 32 data points, parameters packed in p (97 entries):
    /// p =&gt; Σₙ Math.Pow(Σⱼ W2ⱼ·tanh(Σₖ W1ⱼₖ·dataₙₖ + b1ⱼ) + b2 − targetₙ, 2), data and targets inline constants.
    /// </summary>
    public static Expression<Func<double[], double>> MlpLoss()
    {
        var p = Expression.Parameter(typeof(double[]), "p");
        Expression? loss = null;
        for (var n = 0; n < MlpPoints; n++)
        {
            Expression output = Element(p, MlpB2);
            Expression? layer = null;
            for (var j = 0; j < MlpHidden; j++)
            {
                Expression z = Element(p, MlpB1 + j);
                for (var k = 0; k < MlpInputs; k++)
                    z = Expression.Add(z, Expression.Multiply(Element(p, MlpW1 + MlpInputs * j + k), Expression.Constant(MlpData[MlpInputs * n + k])));
                var unit = Expression.Multiply(Element(p, MlpW2 + j), Expression.Call(Tanh, z));
                layer = layer is null ? unit : Expression.Add(layer, unit);
            }
            output = Expression.Add(layer!, output);
            var residual = Square(Expression.Subtract(output, Expression.Constant(MlpTargets[n])));
            loss = loss is null ? residual : Expression.Add(loss, residual);
        }
        return Expression.Lambda<Func<double[], double>>(loss!, p);
    }

    // ---------------------------------------------------------------- (d) shared chain

    /// <summary>Steps of the shared chain.</summary>
    public const int ChainDepth = 100;

    /// <summary>Variables of the shared chain.</summary>
    public const int ChainVariables = 10;

    /// <summary>
    /// The shared chain: t₀ = x[0]; tₖ₊₁ = sin(tₖ)·tₖ + x[(k + 1) mod 10] for k = 0 … 99; f = t₁₀₀.
    /// Every tₖ is used twice (by the sine and by the product), so the function is a DAG that an
    /// expression tree can only state with a block variable:
    /// <c>{ t = x[0]; t = Math.Sin(t) * t + x[1]; ...; t = Math.Sin(t) * t + x[0]; return t; }</c>
    /// (f.Compile() then evaluates each step once; as a tree it would cost 2¹⁰⁰ sines).
    /// </summary>
    public static Expression<Func<double[], double>> SharedChain()
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        var t = Expression.Variable(typeof(double), "t");
        var statements = new List<Expression> { Expression.Assign(t, Element(x, 0)) };
        for (var k = 0; k < ChainDepth; k++)
            statements.Add(Expression.Assign(t, Expression.Add(Expression.Multiply(Expression.Call(Sin, t), t), Element(x, (k + 1) % ChainVariables))));
        statements.Add(t);
        return Expression.Lambda<Func<double[], double>>(Expression.Block(typeof(double), [t], statements), x);
    }

    /// <summary>A point of the shared chain, in [−1, 1] (fixed seed).</summary>
    public static double[] ChainPoint()
    {
        var random = new Random(11);
        return [.. Enumerable.Range(0, ChainVariables).Select(_ => 2 * random.NextDouble() - 1)];
    }
}
