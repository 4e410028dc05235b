using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Symbolic.Bench.Models;

namespace Symbolic.Bench.Backpropagation;

/// <summary>
/// (b) f(x, y) = sin(x)·exp(−y²) + log(1 + x²)/(1 + y²) over x[0], x[1]: value and gradient.
/// </summary>
public class ScalarFunctionGradient : GradientBenchmark
{
    private GradientFunc _handWrittenDelegate = null!;

    protected override Expression<Func<double[], double>> Function() => BackpropagationModels.ScalarFunction;

    protected override double[] Point() => [0.7, -0.4];

    protected override double HandWrittenGradient(double[] x, double[] gradient) => Gradient(x, gradient);

    protected override double HandWrittenValue(double[] x) => Value(x);

    protected override void AfterSetup() => _handWrittenDelegate = Gradient;

    [Benchmark(Baseline = true, Description = "Hand-written gradient")]
    public double HandWritten() => Gradient(X, Buffer);

    /// <summary>The same hand-written method called through a <see cref="GradientFunc"/>, as the compiled gradient is called.</summary>
    [Benchmark(Description = "Hand-written gradient, via delegate")]
    public double HandWrittenViaDelegate() => _handWrittenDelegate(X, Buffer);

    /// <summary>
    /// With s = sin x, c = cos x, e = exp(−y²), q = 1 + x², r = 1/(1 + y²), l = log q:
    /// f = s·e + l·r, ∂f/∂x = c·e + 2x·r/q, ∂f/∂y = −2y·(s·e + l·r²).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Gradient(double[] x, double[] gradient)
    {
        double a = x[0], b = x[1];
        if (gradient.Length != 2) throw new ArgumentException("The gradient buffer must have 2 entries.", nameof(gradient));
        var (s, c) = Math.SinCos(a);
        double e = Math.Exp(-(b * b)), q = 1 + a * a, r = 1 / (1 + b * b), l = Math.Log(q);
        double se = s * e, lr = l * r;
        gradient[0] = c * e + 2 * a * r / q;
        gradient[1] = -2 * b * (se + lr * r);
        return se + lr;
    }

    /// <summary>Not the baseline: the same gradient with Math.Sin and Math.Cos instead of Math.SinCos (what Symbolic emits).</summary>
    [Benchmark(Description = "Hand-written gradient, Sin and Cos separately")]
    public double HandWrittenSinAndCos() => GradientSinAndCos(X, Buffer);

    /// <summary>As <see cref="Gradient"/>, with Math.Sin and Math.Cos.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double GradientSinAndCos(double[] x, double[] gradient)
    {
        double a = x[0], b = x[1];
        if (gradient.Length != 2) throw new ArgumentException("The gradient buffer must have 2 entries.", nameof(gradient));
        double s = Math.Sin(a), c = Math.Cos(a);
        double e = Math.Exp(-(b * b)), q = 1 + a * a, r = 1 / (1 + b * b), l = Math.Log(q);
        double se = s * e, lr = l * r;
        gradient[0] = c * e + 2 * a * r / q;
        gradient[1] = -2 * b * (se + lr * r);
        return se + lr;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Value(double[] x)
    {
        double a = x[0], b = x[1];
        return Math.Sin(a) * Math.Exp(-(b * b)) + Math.Log(1 + a * a) / (1 + b * b);
    }
}
