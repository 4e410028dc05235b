using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Symbolic.Bench.Models;
using static Symbolic.Bench.Models.BackpropagationModels;

namespace Symbolic.Bench.Backpropagation;

/// <summary>
/// (c) Squared-error loss of a 4-16-1 tanh MLP over 32 fixed data points, 97 parameters packed in one
/// vector (W1 16×4, b1, W2, b2), written with constant indexes and inline data (about 2,700 expression
/// nodes). The hand-written gradient is textbook backpropagation: loops over points, hidden units, inputs.
/// </summary>
public class MlpGradient : GradientBenchmark
{
    private static readonly double[] Data = MlpData, Targets = MlpTargets;

    protected override Expression<Func<double[], double>> Function() => MlpLoss();

    protected override double[] Point() => MlpPoint();

    protected override double HandWrittenGradient(double[] x, double[] gradient) => Gradient(x, gradient);

    protected override double HandWrittenValue(double[] x) => Value(x);

    [Benchmark(Baseline = true, Description = "Hand-written gradient")]
    public double HandWritten() => Gradient(X, Buffer);

    /// <summary>
    /// Forward: hⱼ = tanh(W1ⱼ·dₙ + b1ⱼ), ŷ = W2·h + b2, r = ŷ − tₙ. Backward: ∂L/∂ŷ = 2r,
    /// ∂L/∂W2ⱼ += 2r·hⱼ, ∂L/∂zⱼ = 2r·W2ⱼ·(1 − hⱼ²), ∂L/∂W1ⱼₖ += ∂L/∂zⱼ·dₙₖ, ∂L/∂b1ⱼ += ∂L/∂zⱼ.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Gradient(double[] p, double[] gradient)
    {
        if (p.Length != MlpParameters || gradient.Length != MlpParameters) throw new ArgumentException("Expected 97 parameters.");
        Array.Clear(gradient);
        Span<double> hidden = stackalloc double[MlpHidden];
        var data = Data;
        var targets = Targets;
        var loss = 0.0;
        for (var n = 0; n < MlpPoints; n++)
        {
            double d0 = data[4 * n], d1 = data[4 * n + 1], d2 = data[4 * n + 2], d3 = data[4 * n + 3];
            var output = p[MlpB2];
            for (var j = 0; j < MlpHidden; j++)
            {
                var h = Math.Tanh(p[4 * j] * d0 + p[4 * j + 1] * d1 + p[4 * j + 2] * d2 + p[4 * j + 3] * d3 + p[MlpB1 + j]);
                hidden[j] = h;
                output += p[MlpW2 + j] * h;
            }
            var r = output - targets[n];
            loss += r * r;
            var dOutput = 2 * r;
            gradient[MlpB2] += dOutput;
            for (var j = 0; j < MlpHidden; j++)
            {
                var h = hidden[j];
                gradient[MlpW2 + j] += dOutput * h;
                var dz = dOutput * p[MlpW2 + j] * (1 - h * h);
                gradient[MlpB1 + j] += dz;
                gradient[4 * j] += dz * d0;
                gradient[4 * j + 1] += dz * d1;
                gradient[4 * j + 2] += dz * d2;
                gradient[4 * j + 3] += dz * d3;
            }
        }
        return loss;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Value(double[] p)
    {
        var data = Data;
        var targets = Targets;
        var loss = 0.0;
        for (var n = 0; n < MlpPoints; n++)
        {
            double d0 = data[4 * n], d1 = data[4 * n + 1], d2 = data[4 * n + 2], d3 = data[4 * n + 3];
            var output = p[MlpB2];
            for (var j = 0; j < MlpHidden; j++)
                output += p[MlpW2 + j] * Math.Tanh(p[4 * j] * d0 + p[4 * j + 1] * d1 + p[4 * j + 2] * d2 + p[4 * j + 3] * d3 + p[MlpB1 + j]);
            var r = output - targets[n];
            loss += r * r;
        }
        return loss;
    }
}
