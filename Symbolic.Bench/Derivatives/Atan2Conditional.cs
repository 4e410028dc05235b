using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace Symbolic.Bench.Derivatives;

/// <summary>f(x) = x &gt; 0 ? atan2(x, 1 + x²) : x·eˣ; f′(x) = x &gt; 0 ? (z - 2x²) / (x² + z²) with z = 1 + x² : (1 + x)·eˣ.</summary>
public class Atan2Conditional : DerivativeBenchmark
{
    protected override Expression<Func<double, double>> Function => x => x > 0 ? Math.Atan2(x, 1 + x * x) : x * Math.Exp(x);

    protected override Func<double, double> HandWrittenDerivative =>
        [MethodImpl(MethodImplOptions.NoInlining)] static (double x) =>
        {
            if (x > 0)
            {
                var z = 1 + x * x;
                return (z - 2 * x * x) / (x * x + z * z);
            }
            return (1 + x) * Math.Exp(x);
        };

    [Benchmark(Description = "Hand-written, inlined in loop")]
    public double HandWrittenInlined()
    {
        var points = Points;
        var sum = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            var x = points[i];
            if (x > 0)
            {
                var z = 1 + x * x;
                sum += (z - 2 * x * x) / (x * x + z * z);
            }
            else
            {
                sum += (1 + x) * Math.Exp(x);
            }
        }
        return sum;
    }
}
