using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace Symbolic.Bench.Derivatives;

/// <summary>f(x) = exp(-x²/2), f′(x) = -x·exp(-x²/2).</summary>
public class Gaussian : DerivativeBenchmark
{
    protected override Expression<Func<double, double>> Function => x => Math.Exp(-x * x / 2);

    protected override Func<double, double> HandWrittenDerivative =>
        [MethodImpl(MethodImplOptions.NoInlining)] static (double x) =>
            -x * Math.Exp(-x * x / 2);

    [Benchmark(Description = "Hand-written, inlined in loop")]
    public double HandWrittenInlined()
    {
        var points = Points;
        var sum = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            var x = points[i];
            sum += -x * Math.Exp(-x * x / 2);
        }
        return sum;
    }
}
