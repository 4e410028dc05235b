using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;
using Symbolic.Bench.Linq;

namespace Symbolic.Bench.OnePipeline;

/// <summary>
/// Issue 12's cost rule: logistic regression over jagged rows X[i][j] (<see cref="LinqModels.LogisticNll"/>,
/// d = 10, m = <see cref="Rows"/>), <c>CompileGradient</c> against the best hand-written C# loop (the baseline;
/// target within 1.2x), a hand form vectorised per row with <see cref="TensorPrimitives"/>, and the printable
/// outputs of the same model compiled (<c>GradientExpression().Compile()</c>, <c>Grad&lt;T1, T2&gt;(f).Compile()</c>).
/// </summary>
/// <remarks>
/// The batch-vectorised hand forms (exp and log over all rows; a column-major copy of X) are in
/// <see cref="LogisticRegressionBenchmark"/>. Setup checks that every variant agrees with the baseline.
/// </remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class JaggedLogisticBenchmark
{
    /// <summary>The number of rows, m.</summary>
    public const int Rows = 100_000;

    private const int D = LinqModels.Features;

    private double[][] _x = [];
    private double[] _y = [], _w = [], _gradient = [];
    private GradientFunc<double[][], double[]> _compileGradient = null!, _gradientExpression = null!;
    private Func<double[], double[][], double[], double[]> _grad = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        (_x, _y) = LinqModels.LogisticData(Rows);
        _w = LinqModels.LogisticWeights();
        _gradient = new double[D + 1];
        _compileGradient = LinqModels.LogisticNll().CompileGradient();
        _gradientExpression = LinqModels.LogisticNll().GradientExpression().Compile();
        _grad = LinqModels.LogisticNll().Grad().Compile();

        var value = HandWritten();
        var expected = (double[])_gradient.Clone();
        void Check(string what, double actualValue)
        {
            LinqModels.CheckClose(what + " value", value, actualValue);
            LinqModels.CheckClose(what + " gradient", expected, _gradient);
            Array.Fill(_gradient, double.NaN);
        }
        Array.Fill(_gradient, double.NaN);
        Check("TensorPrimitives per row", HandWrittenTensorPrimitivesPerRow());
        Check("CompileGradient", CompileGradient());
        Check("GradientExpression().Compile()", GradientExpressionCompiled());
        LinqModels.CheckClose("Grad().Compile()", expected, GradCompiled());
    }

    /// <summary>The per-row loop of <see cref="LogisticRegressionBenchmark"/> (fastest scalar form measured there).</summary>
    [Benchmark(Baseline = true, Description = "hand-written per-row loop")]
    public double HandWritten() => LogisticRegressionBenchmark.PerRow(_w, _x, _y, 0, _y.Length, _gradient);

    /// <summary>The same loop with zᵢ = Dot(w, X[i]) and g += rᵢ·X[i] as <see cref="TensorPrimitives"/> calls per row.</summary>
    [Benchmark(Description = "hand-written, TensorPrimitives per row")]
    public double HandWrittenTensorPrimitivesPerRow()
    {
        var (w, X, y, g) = (_w, _x, _y, _gradient);
        Array.Clear(g);
        var weights = new ReadOnlySpan<double>(w, 0, D);
        var gradient = new Span<double>(g, 0, D);
        var (f, gBias, bias) = (0.0, 0.0, w[D]);
        for (var i = 0; i < X.Length; i++)
        {
            var row = new ReadOnlySpan<double>(X[i], 0, D);
            var z = TensorPrimitives.Dot(weights, row) + bias;
            var e = Math.Exp(z);
            f += Math.Log(1 + e) - y[i] * z;
            var r = e / (1 + e) - y[i];
            TensorPrimitives.MultiplyAdd(row, r, gradient, gradient);
            gBias += r;
        }
        g[D] = gBias;
        return f;
    }

    /// <summary><c>LogisticNll().CompileGradient()</c>.</summary>
    [Benchmark(Description = "CompileGradient")]
    public double CompileGradient() => _compileGradient(_w, _x, _y, _gradient);

    /// <summary><c>LogisticNll().GradientExpression().Compile()</c>.</summary>
    [Benchmark(Description = "GradientExpression().Compile()")]
    public double GradientExpressionCompiled() => _gradientExpression(_w, _x, _y, _gradient);

    /// <summary><c>LogisticNll().Grad().Compile()</c>: a new gradient array per call.</summary>
    [Benchmark(Description = "Grad<T1, T2>(f).Compile()")]
    public double[] GradCompiled() => _grad(_w, _x, _y);
}
