using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace Symbolic.Bench.Derivatives;

/// <summary>f(x) = (x² - 3x + 1) / (x⁴ + 1), by the quotient rule: ((2x - 3)·d - n·4x³) / d².</summary>
public class Rational : DerivativeBenchmark
{
    protected override Expression<Func<double, double>> Function => x => (x * x - 3 * x + 1) / (x * x * x * x + 1);

    protected override Func<double, double> HandWrittenDerivative =>
        [MethodImpl(MethodImplOptions.NoInlining)] static (double x) =>
        {
            var x2 = x * x;
            var d = x2 * x2 + 1;
            return ((2 * x - 3) * d - (x2 - 3 * x + 1) * (4 * x * x2)) / (d * d);
        };

    [Benchmark(Description = "Hand-written, inlined in loop")]
    public double HandWrittenInlined()
    {
        var points = Points;
        var sum = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            var x = points[i];
            var x2 = x * x;
            var d = x2 * x2 + 1;
            sum += ((2 * x - 3) * d - (x2 - 3 * x + 1) * (4 * x * x2)) / (d * d);
        }
        return sum;
    }
}
