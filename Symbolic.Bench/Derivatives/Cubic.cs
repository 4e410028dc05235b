using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace Symbolic.Bench.Derivatives;

/// <summary>f(x) = x³ - 2x + 1 written with Math.Pow(x, 3), f′(x) = 3x² - 2.</summary>
public class Cubic : DerivativeBenchmark
{
    protected override Expression<Func<double, double>> Function => x => Math.Pow(x, 3) - 2 * x + 1;

    protected override Func<double, double> HandWrittenDerivative =>
        [MethodImpl(MethodImplOptions.NoInlining)] static (double x) =>
            3 * x * x - 2;

    [Benchmark(Description = "Hand-written, inlined in loop")]
    public double HandWrittenInlined()
    {
        var points = Points;
        var sum = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            var x = points[i];
            sum += 3 * x * x - 2;
        }
        return sum;
    }
}
