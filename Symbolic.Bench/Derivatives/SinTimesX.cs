using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace Symbolic.Bench.Derivatives;

/// <summary>f(x) = sin(x)·x, f′(x) = cos(x)·x + sin(x).</summary>
public class SinTimesX : DerivativeBenchmark
{
    protected override Expression<Func<double, double>> Function => x => Math.Sin(x) * x;

    protected override Func<double, double> HandWrittenDerivative =>
        [MethodImpl(MethodImplOptions.NoInlining)] static (double x) =>
            Math.Cos(x) * x + Math.Sin(x);

    [Benchmark(Description = "Hand-written, inlined in loop")]
    public double HandWrittenInlined()
    {
        var points = Points;
        var sum = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            var x = points[i];
            sum += Math.Cos(x) * x + Math.Sin(x);
        }
        return sum;
    }
}
