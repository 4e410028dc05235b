using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;
using Symbolic.Bench.Linq;

namespace Symbolic.Bench.OnePipeline;

/// <summary>
/// Issue 12, "what prints is what runs", on logistic regression over dense flat data
/// (<see cref="PipelineModels.LogisticFlat"/>: m = <see cref="Rows"/> rows of d = 10 features and a label, one
/// row-major table): <c>CompileGradient</c> (the baseline) against <c>GradientExpression().Compile()</c>,
/// <c>Grad&lt;T1&gt;(f).Compile()</c> and the source of <c>ToCSharpGradient</c> compiled by Roslyn at setup;
/// target: each within 1.2x of the baseline. A hand-written loop over the same table gives the scale.
/// </summary>
/// <remarks>Setup checks that every output agrees with the hand-written gradient before anything is timed.</remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class LogisticOutputsBenchmark
{
    /// <summary>The number of rows, m.</summary>
    public const int Rows = 100_000;

    private const int D = LinqModels.Features;

    private double[] _table = [], _w = [], _gradient = [];
    private GradientFunc<double[]> _compileGradient = null!, _gradientExpression = null!, _roslyn = null!;
    private Func<double[], double[], double[]> _grad = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var (X, y) = LinqModels.LogisticData(Rows);
        _table = PipelineModels.LogisticTable(X, y);
        _w = LinqModels.LogisticWeights();
        _gradient = new double[D + 1];
        var model = PipelineModels.LogisticFlat;
        _compileGradient = model.CompileGradient();
        _gradientExpression = model.GradientExpression().Compile();
        _grad = model.Grad().Compile();
        _roslyn = RoslynMethod.Compile<GradientFunc<double[]>>(model.ToCSharpGradient("LogisticGradient"), "LogisticGradient");

        var value = HandWritten();
        var expected = (double[])_gradient.Clone();
        void Check(string what, double actualValue)
        {
            LinqModels.CheckClose(what + " value", value, actualValue);
            LinqModels.CheckClose(what + " gradient", expected, _gradient);
            Array.Fill(_gradient, double.NaN);
        }
        Array.Fill(_gradient, double.NaN);
        Check("CompileGradient", CompileGradient());
        Check("GradientExpression().Compile()", GradientExpressionCompiled());
        Check("ToCSharpGradient, Roslyn", ToCSharpGradientRoslyn());
        LinqModels.CheckClose("Grad().Compile()", expected, GradCompiled());
    }

    /// <summary><c>LogisticFlat.CompileGradient()</c>.</summary>
    [Benchmark(Baseline = true, Description = "CompileGradient")]
    public double CompileGradient() => _compileGradient(_w, _table, _gradient);

    /// <summary><c>LogisticFlat.GradientExpression().Compile()</c>.</summary>
    [Benchmark(Description = "GradientExpression().Compile()")]
    public double GradientExpressionCompiled() => _gradientExpression(_w, _table, _gradient);

    /// <summary><c>LogisticFlat.Grad().Compile()</c>: a new gradient array per call.</summary>
    [Benchmark(Description = "Grad<T1>(f).Compile()")]
    public double[] GradCompiled() => _grad(_w, _table);

    /// <summary><c>LogisticFlat.ToCSharpGradient()</c>, compiled by Roslyn (Release) at setup.</summary>
    [Benchmark(Description = "ToCSharpGradient, Roslyn-compiled")]
    public double ToCSharpGradientRoslyn() => _roslyn(_w, _table, _gradient);

    /// <summary>One pass over the table, as a C# programmer writes it (for scale; not the baseline here).</summary>
    [Benchmark(Description = "hand-written loop over the table")]
    public double HandWritten()
    {
        var (w, table, g) = (_w, _table, _gradient);
        Array.Clear(g);
        var (f, bias) = (0.0, w[D]);
        for (var start = 0; start < table.Length; start += D + 1)
        {
            var z = bias;
            for (var j = 0; j < D; j++) z += w[j] * table[start + j];
            var e = Math.Exp(z);
            var label = table[start + D];
            f += Math.Log(1 + e) - label * z;
            var r = e / (1 + e) - label;
            for (var j = 0; j < D; j++) g[j] += r * table[start + j];
            g[D] += r;
        }
        return f;
    }
}
