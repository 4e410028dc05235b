using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace Symbolic.Bench.Derivatives;

/// <summary>f(x) = tanh(x)·√(1 + x²), f′(x) = (1 - t²)·s + t·x/s with t = tanh(x), s = √(1 + x²).</summary>
public class TanhSqrt : DerivativeBenchmark
{
    protected override Expression<Func<double, double>> Function => x => Math.Tanh(x) * Math.Sqrt(1 + x * x);

    protected override Func<double, double> HandWrittenDerivative =>
        [MethodImpl(MethodImplOptions.NoInlining)] static (double x) =>
        {
            var t = Math.Tanh(x);
            var s = Math.Sqrt(1 + x * x);
            return (1 - t * t) * s + t * x / s;
        };

    [Benchmark(Description = "Hand-written, inlined in loop")]
    public double HandWrittenInlined()
    {
        var points = Points;
        var sum = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            var x = points[i];
            var t = Math.Tanh(x);
            var s = Math.Sqrt(1 + x * x);
            sum += (1 - t * t) * s + t * x / s;
        }
        return sum;
    }
}
