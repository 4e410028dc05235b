using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Symbolic.Bench.Models;
using static Symbolic.Bench.Models.BackpropagationModels;

namespace Symbolic.Bench.Backpropagation;

/// <summary>
/// (d) The shared chain of depth 100: t₀ = x[0], tₖ₊₁ = sin(tₖ)·tₖ + x[(k + 1) mod 10], f = t₁₀₀
/// (see <see cref="BackpropagationModels.SharedChain"/>). Each tₖ has two users, so a tree-based
/// derivative would swell; reverse mode over the DAG costs a constant per step.
/// </summary>
public class SharedChainGradient : GradientBenchmark
{
    protected override Expression<Func<double[], double>> Function() => SharedChain();

    protected override double[] Point() => ChainPoint();

    protected override double HandWrittenGradient(double[] x, double[] gradient) => Gradient(x, gradient);

    protected override double HandWrittenValue(double[] x) => Value(x);

    [Benchmark(Baseline = true, Description = "Hand-written gradient")]
    public double HandWritten() => Gradient(X, Buffer);

    /// <summary>
    /// Forward sweep keeping dtₖ₊₁/dtₖ = cos(tₖ)·tₖ + sin(tₖ) (one SinCos per step); backward sweep:
    /// ∂f/∂x[(k + 1) mod 10] += āₖ₊₁, āₖ = āₖ₊₁·dtₖ₊₁/dtₖ, and ∂f/∂x[0] += ā₀.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Gradient(double[] x, double[] gradient)
    {
        if (x.Length != ChainVariables || gradient.Length != ChainVariables) throw new ArgumentException("Expected 10 variables.");
        Span<double> local = stackalloc double[ChainDepth];
        var t = x[0];
        for (int k = 0, next = 1; k < ChainDepth; k++)
        {
            var (s, c) = Math.SinCos(t);
            local[k] = c * t + s;
            t = s * t + x[next];
            if (++next == ChainVariables) next = 0;
        }
        Array.Clear(gradient);
        var adjoint = 1.0;
        for (int k = ChainDepth - 1, next = ChainDepth % ChainVariables; k >= 0; k--)
        {
            gradient[next] += adjoint;
            adjoint *= local[k];
            if (--next < 0) next = ChainVariables - 1;
        }
        gradient[0] += adjoint;
        return t;
    }

    /// <summary>Not the baseline: the same gradient with Math.Sin in the forward sweep and Math.Cos in the backward one (what Symbolic emits).</summary>
    [Benchmark(Description = "Hand-written gradient, Sin and Cos separately")]
    public double HandWrittenSinAndCos() => GradientSinAndCos(X, Buffer);

    /// <summary>As <see cref="Gradient"/>, with a sine per step forward and a cosine per step backward instead of one SinCos.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double GradientSinAndCos(double[] x, double[] gradient)
    {
        if (x.Length != ChainVariables || gradient.Length != ChainVariables) throw new ArgumentException("Expected 10 variables.");
        Span<double> ts = stackalloc double[ChainDepth];
        Span<double> sines = stackalloc double[ChainDepth];
        var t = x[0];
        for (int k = 0, next = 1; k < ChainDepth; k++)
        {
            var s = Math.Sin(t);
            ts[k] = t;
            sines[k] = s;
            t = s * t + x[next];
            if (++next == ChainVariables) next = 0;
        }
        Array.Clear(gradient);
        var adjoint = 1.0;
        for (int k = ChainDepth - 1, next = ChainDepth % ChainVariables; k >= 0; k--)
        {
            gradient[next] += adjoint;
            adjoint *= Math.Cos(ts[k]) * ts[k] + sines[k];
            if (--next < 0) next = ChainVariables - 1;
        }
        gradient[0] += adjoint;
        return t;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Value(double[] x)
    {
        var t = x[0];
        for (int k = 0, next = 1; k < ChainDepth; k++)
        {
            t = Math.Sin(t) * t + x[next];
            if (++next == ChainVariables) next = 0;
        }
        return t;
    }
}
