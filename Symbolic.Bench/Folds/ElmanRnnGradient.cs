using BenchmarkDotNet.Attributes;

namespace Symbolic.Bench.Folds;

/// <summary>
/// Issue 14's recurrent figure: an Elman network, input 8, hidden 32, sequence 100, batch 16, tanh, mean squared error
/// of the last state (<see cref="ElmanRnn"/>). The baseline is the hand-written backpropagation through time; the
/// Symbolic gradient of the same model written as a LINQ <c>Aggregate</c> is to be measured against it (≤ 1.5x).
/// </summary>
[MemoryDiagnoser]
public class ElmanRnnGradient
{
    private readonly ElmanRnn _model = new(inputs: 8, hidden: 32, steps: 100, batch: 16, seed: 1);
    private double[] _p = [], _gradient = [];

    /// <summary>Parameters at a fixed random point, and the gradient buffer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _p = _model.Point(seed: 2);
        _gradient = new double[_model.Parameters];
    }

    /// <summary>Value and gradient by hand-written backpropagation through time.</summary>
    [Benchmark(Baseline = true, Description = "Hand-written BPTT")]
    public double HandWritten() => _model.Gradient(_p, _gradient);

    /// <summary>The value alone (the forward pass), for the ratio of gradient to value.</summary>
    [Benchmark(Description = "Hand-written forward only")]
    public double HandWrittenValue() => _model.Value(_p);
}
