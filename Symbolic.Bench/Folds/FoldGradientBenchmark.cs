using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;

namespace Symbolic.Bench.Folds;

/// <summary>
/// Gradients through LINQ <c>Aggregate</c> (Symbolic side): an Elman RNN (input 8, hidden 32, sequence 100, batch 16) and RK4
/// Lotka–Volterra over 1,000 steps, each against the model's value computed by LINQ itself (<c>f.Compile()</c>, the forward
/// simulation alone). The RNN also runs written over <c>sequences.Length</c> sequences (<see cref="FoldModels.ElmanRnnAnyBatch"/>), and beside two hand-written backpropagations through time on the same data: one sequence after
/// the other (<see cref="ElmanRnn"/>, the baseline of issue 14's figure) and the batch advancing together, each step a product
/// over the batch (<see cref="BatchedElmanRnn"/>). The RK4 baselines are in <c>LotkaVolterra*.cs</c>.
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public class FoldGradientBenchmark
{
    private GradientFunc<double[][][], double[][]> _rnnGradient = null!, _rnnAnyBatchGradient = null!;
    private Func<double[], double[][][], double[][], double> _rnnValue = null!;
    private GradientFunc _lotkaVolterraGradient = null!;
    private Func<double[], double> _lotkaVolterraValue = null!;
    private double[][][] _sequences = [];
    private double[][] _targets = [];
    private double[] _rnnParameters = [], _rnnBuffer = [];
    private ElmanRnn _perSequence = null!;
    private BatchedElmanRnn _batched = null!;
    private readonly double[] _rates = [1.1, 0.4, 0.1, 0.4, 10, 10], _ratesBuffer = new double[6];

    [GlobalSetup]
    public void GlobalSetup()
    {
        (_sequences, _targets, _rnnParameters) = FoldModels.RnnData();
        _rnnBuffer = new double[_rnnParameters.Length];
        _rnnGradient = FoldModels.ElmanRnn.CompileGradient();
        _rnnAnyBatchGradient = FoldModels.ElmanRnnAnyBatch.CompileGradient();
        _rnnValue = FoldModels.ElmanRnn.Compile();
        // The per-sequence baseline draws its own data of the same sizes; the batched one reads the benchmark's.
        _perSequence = new ElmanRnn(FoldModels.Inputs, FoldModels.Hidden, FoldModels.Steps, FoldModels.Sequences, seed: 14);
        _batched = new BatchedElmanRnn(_sequences, _targets, FoldModels.Hidden);
        var lotkaVolterra = FoldModels.LotkaVolterra();
        _lotkaVolterraGradient = lotkaVolterra.CompileGradient();
        _lotkaVolterraValue = lotkaVolterra.Compile();
    }

    [Benchmark(Description = "Elman RNN gradient (Symbolic)")]
    public double RnnGradient() => _rnnGradient(_rnnParameters, _sequences, _targets, _rnnBuffer);

    [Benchmark(Description = "Elman RNN gradient (Symbolic, batch size read at run time)")]
    public double RnnAnyBatchGradient() => _rnnAnyBatchGradient(_rnnParameters, _sequences, _targets, _rnnBuffer);

    [Benchmark(Description = "Elman RNN gradient (hand-written BPTT, per sequence)")]
    public double RnnHandWritten() => _perSequence.Gradient(_rnnParameters, _rnnBuffer);

    [Benchmark(Description = "Elman RNN gradient (hand-written BPTT, batched products)")]
    public double RnnHandWrittenBatched() => _batched.Gradient(_rnnParameters, _rnnBuffer);

    [Benchmark(Description = "Elman RNN value (LINQ f.Compile())")]
    public double RnnValue() => _rnnValue(_rnnParameters, _sequences, _targets);

    [Benchmark(Description = "RK4 Lotka-Volterra gradient (Symbolic)")]
    public double LotkaVolterraGradient() => _lotkaVolterraGradient(_rates, _ratesBuffer);

    [Benchmark(Description = "RK4 Lotka-Volterra value (LINQ f.Compile())")]
    public double LotkaVolterraValue() => _lotkaVolterraValue(_rates);
}
