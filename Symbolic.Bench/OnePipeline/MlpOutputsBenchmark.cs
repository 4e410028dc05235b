using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;
using Symbolic.Bench.Kernels;

namespace Symbolic.Bench.OnePipeline;

/// <summary>
/// Issue 12, "what prints is what runs", on the 784-128-10 MLP written in LINQ (<see cref="DenseMlpBaselineBenchmark.LinqModel"/>,
/// batch 64): one gradient evaluation by <c>CompileGradient</c> (the baseline) against the other outputs of the
/// same model compiled — <c>GradientExpression().Compile()</c>, <c>Grad&lt;T1, T2&gt;(mlp).Compile()</c> and the
/// C# source of <c>ToCSharpGradient</c> compiled by Roslyn at setup. The target: every output within 1.2x of
/// the baseline.
/// </summary>
/// <remarks>
/// <c>Grad</c> returns a new gradient array per call (101,770 doubles, 814 KB, on the large-object heap): the row
/// "new array + CompileGradient" allocates that array and then runs the baseline, so the cost of the signature is
/// visible apart from the program's. Setup checks that every output agrees with the baseline (value where
/// returned, and gradient) before anything is timed.
/// </remarks>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class MlpOutputsBenchmark
{
    private readonly DenseMlpBaselineBenchmark _data = new();
    private double[] _parameters = [], _gradient = [];
    private GradientFunc<double[], double[]> _compileGradient = null!, _gradientExpression = null!;
    private Func<double[], double[], double[], double[]> _grad = null!;
    private GradientFunc<double[], double[]> _roslyn = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var d = _data;
        _parameters = [.. d.W1, .. d.B1, .. d.W2, .. d.B2];
        _gradient = new double[PipelineModels.MlpParameters];
        var model = DenseMlpBaselineBenchmark.LinqModel;
        _compileGradient = model.CompileGradient();
        _gradientExpression = model.GradientExpression().Compile();
        _grad = model.Grad().Compile();
        _roslyn = RoslynMethod.Compile<GradientFunc<double[], double[]>>(model.ToCSharpGradient("MlpGradient"), "MlpGradient");

        var value = CompileGradient();
        var expected = (double[])_gradient.Clone();
        void Check(string what, double actualValue)
        {
            Linq.LinqModels.CheckClose(what + " value", value, actualValue, 1e-10);
            PipelineModels.CheckClose(what + " gradient", expected, _gradient, 1e-10);
            Array.Fill(_gradient, double.NaN);
        }
        Array.Fill(_gradient, double.NaN);
        Check("GradientExpression().Compile()", GradientExpressionCompiled());
        Check("ToCSharpGradient, Roslyn", ToCSharpGradientRoslyn());
        PipelineModels.CheckClose("Grad().Compile()", expected, _grad(_parameters, d.X, d.Y), 1e-10);
    }

    /// <summary><c>LinqModel.CompileGradient()</c>: value and gradient into the buffer.</summary>
    [Benchmark(Baseline = true, Description = "CompileGradient")]
    public double CompileGradient() => _compileGradient(_parameters, _data.X, _data.Y, _gradient);

    /// <summary><c>LinqModel.GradientExpression().Compile()</c>: the printable value-and-gradient expression, compiled by .NET.</summary>
    [Benchmark(Description = "GradientExpression().Compile()")]
    public double GradientExpressionCompiled() => _gradientExpression(_parameters, _data.X, _data.Y, _gradient);

    /// <summary><c>LinqModel.Grad().Compile()</c>: the gradient expression of the issue, a new array per call.</summary>
    [Benchmark(Description = "Grad<T1, T2>(mlp).Compile()")]
    public double[] GradCompiled() => _grad(_parameters, _data.X, _data.Y);

    /// <summary>What <c>Grad</c>'s signature adds to the baseline: a new gradient array per call, then the same program.</summary>
    [Benchmark(Description = "new array + CompileGradient")]
    public double[] NewArrayThenCompileGradient()
    {
        var gradient = new double[_parameters.Length];
        _compileGradient(_parameters, _data.X, _data.Y, gradient);
        return gradient;
    }

    /// <summary><c>LinqModel.ToCSharpGradient()</c>, compiled by Roslyn (Release) at setup and called as a delegate.</summary>
    [Benchmark(Description = "ToCSharpGradient, Roslyn-compiled")]
    public double ToCSharpGradientRoslyn() => _roslyn(_parameters, _data.X, _data.Y, _gradient);
}
