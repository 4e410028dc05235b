using System.Numerics.Tensors;

namespace Symbolic.Bench.Folds;

/// <summary>
/// An Elman network over a batch of sequences, h_t = tanh(W·h_{t−1} + U·x_t + b) from h_0 = 0, with the mean squared
/// error of the last state against a target per sequence, L = 1/(B·H) Σ_b Σ_j (h_T[j] − y_b[j])²; its value and its
/// gradient by hand-written backpropagation through time. Parameters packed in one vector: W (H × H, row-major),
/// then U (H × I), then b (H). The baseline of the fold benchmarks: contiguous arrays, one buffer of states reused
/// across calls, dot products and row updates vectorised with <see cref="TensorPrimitives"/>.
/// </summary>
/// <remarks>Also compiled into Symbolic.Tests, which checks the gradient against finite differences.</remarks>
public sealed class ElmanRnn
{
    /// <summary>Builds the problem with random inputs and targets in (−1, 1) from <paramref name="seed"/>.</summary>
    public ElmanRnn(int inputs, int hidden, int steps, int batch, int seed)
    {
        (Inputs, Hidden, Steps, Batch) = (inputs, hidden, steps, batch);
        var random = new Random(seed);
        Sequences = [.. Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, steps).Select(_ => Uniform(random, inputs)).ToArray())];
        Targets = [.. Enumerable.Range(0, batch).Select(_ => Uniform(random, hidden))];
        _flatInputs = [.. Sequences.SelectMany(s => s.SelectMany(x => x))];
        _states = new double[(steps + 1) * hidden];
        _dh = new double[hidden];
        _dz = new double[hidden];
    }

    /// <summary>Input width I.</summary>
    public int Inputs { get; }

    /// <summary>State width H.</summary>
    public int Hidden { get; }

    /// <summary>Sequence length T.</summary>
    public int Steps { get; }

    /// <summary>Sequences per batch B.</summary>
    public int Batch { get; }

    /// <summary>The inputs, [sequence][step][input].</summary>
    public double[][][] Sequences { get; }

    /// <summary>The target of each sequence's last state, [sequence][unit].</summary>
    public double[][] Targets { get; }

    /// <summary>The length of the parameter vector: H² + H·I + H.</summary>
    public int Parameters => Hidden * Hidden + Hidden * Inputs + Hidden;

    private int UOffset => Hidden * Hidden;

    private int BOffset => Hidden * Hidden + Hidden * Inputs;

    // The inputs in one array, sequence after sequence, step after step; the states h_0 … h_T of one sequence; ∂L/∂h, ∂L/∂z.
    private readonly double[] _flatInputs, _states, _dh, _dz;

    /// <summary>Small random parameters (scale 1/√H for W, 1/√I for U), so the states neither saturate nor vanish.</summary>
    public double[] Point(int seed)
    {
        var random = new Random(seed);
        var p = new double[Parameters];
        for (var i = 0; i < p.Length; i++) p[i] = (2 * random.NextDouble() - 1) / Math.Sqrt(i < UOffset ? Hidden : Inputs);
        return p;
    }

    /// <summary>The loss, forward only.</summary>
    public double Value(double[] p)
    {
        var loss = 0.0;
        for (var s = 0; s < Batch; s++)
        {
            Forward(p, s);
            loss += SquaredError(s);
        }
        return loss / (Batch * Hidden);
    }

    /// <summary>The loss, and its gradient written into <paramref name="gradient"/> (backpropagation through time over the stored states).</summary>
    public double Gradient(double[] p, double[] gradient)
    {
        if (p.Length != Parameters || gradient.Length != Parameters) throw new ArgumentException($"Expected {Parameters} parameters.");
        Array.Clear(gradient);
        int h = Hidden, n = Inputs;
        var scale = 2.0 / (Batch * h);
        var loss = 0.0;
        for (var s = 0; s < Batch; s++)
        {
            Forward(p, s);
            loss += SquaredError(s);
            var last = _states.AsSpan(Steps * h, h);
            TensorPrimitives.Subtract(last, Targets[s], _dh);
            TensorPrimitives.Multiply(_dh, scale, _dh);
            for (var t = Steps; t >= 1; t--)
            {
                var state = _states.AsSpan(t * h, h);
                var previous = _states.AsSpan((t - 1) * h, h);
                var x = _flatInputs.AsSpan((s * Steps + t - 1) * n, n);
                // dz = dh ⊙ (1 − h²)
                for (var j = 0; j < h; j++) _dz[j] = _dh[j] * (1 - state[j] * state[j]);
                TensorPrimitives.Add(gradient.AsSpan(BOffset, h), _dz, gradient.AsSpan(BOffset, h));
                _dh.AsSpan().Clear();
                for (var j = 0; j < h; j++)
                {
                    var dz = _dz[j];
                    var wRow = gradient.AsSpan(j * h, h);
                    TensorPrimitives.MultiplyAdd(previous, dz, wRow, wRow);
                    var uRow = gradient.AsSpan(UOffset + j * n, n);
                    TensorPrimitives.MultiplyAdd(x, dz, uRow, uRow);
                    // dh_{t−1} = Wᵀ·dz, row by row.
                    TensorPrimitives.MultiplyAdd(p.AsSpan(j * h, h), dz, _dh, _dh);
                }
            }
        }
        return loss / (Batch * h);
    }

    /// <summary>The states of sequence <paramref name="s"/> into <see cref="_states"/>: h_0 = 0, h_t = tanh(W·h_{t−1} + U·x_t + b).</summary>
    private void Forward(double[] p, int s)
    {
        int h = Hidden, n = Inputs;
        _states.AsSpan(0, h).Clear();
        for (var t = 1; t <= Steps; t++)
        {
            var previous = _states.AsSpan((t - 1) * h, h);
            var state = _states.AsSpan(t * h, h);
            var x = _flatInputs.AsSpan((s * Steps + t - 1) * n, n);
            for (var j = 0; j < h; j++)
                state[j] = p[BOffset + j] + TensorPrimitives.Dot(p.AsSpan(j * h, h), previous) + TensorPrimitives.Dot(p.AsSpan(UOffset + j * n, n), x);
            TensorPrimitives.Tanh(state, state);
        }
    }

    private double SquaredError(int s)
    {
        var last = _states.AsSpan(Steps * Hidden, Hidden);
        var error = 0.0;
        for (var j = 0; j < Hidden; j++) error += (last[j] - Targets[s][j]) * (last[j] - Targets[s][j]);
        return error;
    }

    private static double[] Uniform(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => 2 * random.NextDouble() - 1)];
}
