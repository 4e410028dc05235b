using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using Symbolic.Bench.Kernels;
using Symbolic.Kernels;

namespace Symbolic.Bench.Precision;

/// <summary>
/// Issue 13's figure: the 784-128-10 MLP, batch 64, forward and backward in LINQ (<see cref="DenseMlpBaselineBenchmark.LinqModel"/>),
/// compiled by <c>CompileGradient</c> in double (the baseline) and its float twin (<see cref="FloatModel"/>: float
/// parameters and data, <see cref="MathF"/>, <see cref="FunctionsF"/>) on the float kernels; on all cores and on
/// one thread (<c>SYMBOLIC_NUM_THREADS=1</c>). The target: float at least 1.7x faster. Setup checks that the float
/// gradient agrees with the double one within 1e-4, norm-wise.
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
[Config(typeof(ThreadJobs))]
public class SingleMlpBenchmark
{
    /// <summary>Two jobs, as <see cref="DenseMlpBaselineBenchmark"/>: every core, and one thread.</summary>
    private sealed class ThreadJobs : BenchmarkDotNet.Configs.ManualConfig
    {
        public ThreadJobs()
        {
            AddJob(Job.Default.WithWarmupCount(15).WithId("all cores"));
            AddJob(Job.Default.WithWarmupCount(15).WithId("one thread")
                .WithEnvironmentVariables(new EnvironmentVariable(MatrixKernelOptions.ThreadsVariable, "1")));
        }
    }

    private const int Batch = DenseMlpBaselineBenchmark.Batch, Inputs = DenseMlpBaselineBenchmark.Inputs,
        Hidden = DenseMlpBaselineBenchmark.Hidden, Classes = DenseMlpBaselineBenchmark.Classes;
    private const int OffsetB1 = Hidden * Inputs, OffsetW2 = OffsetB1 + Hidden, OffsetB2 = OffsetW2 + Classes * Hidden, Parameters = OffsetB2 + Classes;

    /// <summary><see cref="DenseMlpBaselineBenchmark.LinqModel"/> written in float.</summary>
    public static readonly Expression<Func<float[], float[], float[], float>> FloatModel = (p, x, y) =>
        Enumerable.Range(0, Batch).Sum(b =>
            FunctionsF.LogSumExp(Enumerable.Range(0, Classes).Select(c =>
                Enumerable.Range(0, Hidden).Sum(j => p[OffsetW2 + c * Hidden + j] * MathF.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[b * Inputs + k]) + p[OffsetB1 + j])) + p[OffsetB2 + c]))
            - Enumerable.Range(0, Classes).Sum(c => y[b * Classes + c] *
                (Enumerable.Range(0, Hidden).Sum(j => p[OffsetW2 + c * Hidden + j] * MathF.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[j * Inputs + k] * x[b * Inputs + k]) + p[OffsetB1 + j])) + p[OffsetB2 + c])))
        / Batch;

    private readonly DenseMlpBaselineBenchmark _data = new();
    private double[] _p = [], _gradient = [];
    private float[] _pSingle = [], _xSingle = [], _ySingle = [], _gradientSingle = [];
    private GradientFunc<double[], double[]> _double = null!;
    private SingleGradientFunc<float[], float[]> _single = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var d = _data;
        // The parameters and data rounded to float, and the double run on those same values.
        _pSingle = [.. ((double[])[.. d.W1, .. d.B1, .. d.W2, .. d.B2]).Select(v => (float)v)];
        (_xSingle, _ySingle) = ([.. d.X.Select(v => (float)v)], [.. d.Y.Select(v => (float)v)]);
        _p = [.. _pSingle.Select(v => (double)v)];
        (_gradient, _gradientSingle) = (new double[Parameters], new float[Parameters]);
        (_double, _single) = (DenseMlpBaselineBenchmark.LinqModel.CompileGradient(), FloatModel.CompileGradient());

        _double(_p, [.. _xSingle.Select(v => (double)v)], d.Y, _gradient);
        Single();
        var difference = Math.Sqrt(_gradient.Select((g, i) => (g - _gradientSingle[i]) * (g - _gradientSingle[i])).Sum());
        var norm = Math.Sqrt(_gradient.Sum(g => g * g));
        if (!(difference <= 1e-4 * norm)) throw new InvalidOperationException($"The float gradient is {difference / norm:G3} from the double one, norm-wise.");
    }

    /// <summary>The double LINQ model's <c>CompileGradient</c>: value and gradient.</summary>
    [Benchmark(Baseline = true, Description = "CompileGradient, double")]
    public double Double() => _double(_p, _data.X, _data.Y, _gradient);

    /// <summary>The float LINQ model's <c>CompileGradient</c>, on the float kernels.</summary>
    [Benchmark(Description = "CompileGradient, float")]
    public float Single() => _single(_pSingle, _xSingle, _ySingle, _gradientSingle);
}
