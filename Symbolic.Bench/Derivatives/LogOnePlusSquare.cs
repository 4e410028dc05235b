using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace Symbolic.Bench.Derivatives;

/// <summary>f(x) = log(1 + x²), f′(x) = 2x / (1 + x²).</summary>
public class LogOnePlusSquare : DerivativeBenchmark
{
    protected override Expression<Func<double, double>> Function => x => Math.Log(1 + x * x);

    protected override Func<double, double> HandWrittenDerivative =>
        [MethodImpl(MethodImplOptions.NoInlining)] static (double x) =>
            2 * x / (1 + x * x);

    [Benchmark(Description = "Hand-written, inlined in loop")]
    public double HandWrittenInlined()
    {
        var points = Points;
        var sum = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            var x = points[i];
            sum += 2 * x / (1 + x * x);
        }
        return sum;
    }
}
