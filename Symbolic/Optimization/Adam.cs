namespace Symbolic.Optimization;

/// <summary>
/// Adam (Kingma and Ba, 2015): per-parameter steps from bias-corrected running averages of the
/// gradient m and of its square v: x ← x − α·m̂ / (√v̂ + ε).
/// </summary>
public sealed class Adam : StochasticOptimizer
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="options">The learning rate and decay rates; the defaults if null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Adam(AdamOptions? options = null)
    {
        Options = options ?? new AdamOptions();
        Options.Validate();
    }

    /// <summary>The options this optimiser runs with.</summary>
    public AdamOptions Options { get; }

    /// <inheritdoc/>
    public override Stepper CreateStepper(int dimension)
    {
        // Before the stepper's state is sized: a negative length would otherwise surface as an OverflowException.
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        return new AdamStepper(Options, dimension);
    }

    private sealed class AdamStepper(AdamOptions options, int dimension) : Stepper(dimension)
    {
        private readonly double[] _mean = new double[dimension];
        private readonly double[] _square = new double[dimension];
        private double _beta1Power = 1, _beta2Power = 1;

        protected override double Update(Span<double> x, ReadOnlySpan<double> gradient, int step)
        {
            var (beta1, beta2) = (options.Beta1, options.Beta2);
            var rate = LearningRateSchedule.Rate(options.Schedule, options.LearningRate, step);
            var decay = rate * options.WeightDecay;
            _beta1Power *= beta1;
            _beta2Power *= beta2;
            // The bias corrections folded into the step: α·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
            var meanCorrection = 1 / (1 - _beta1Power);
            var squareCorrection = 1 / (1 - _beta2Power);
            var squared = 0.0;
            for (var i = 0; i < x.Length; i++)
            {
                var g = gradient[i];
                var m = _mean[i] = beta1 * _mean[i] + (1 - beta1) * g;
                var v = _square[i] = beta2 * _square[i] + (1 - beta2) * g * g;
                var adamStep = rate * (m * meanCorrection) / (Math.Sqrt(v * squareCorrection) + options.Epsilon);
                // AdamW: decay first, from the rate of this step (PyTorch's order); with λ = 0 this is plain Adam, bit for bit.
                var shrink = decay == 0 ? 0 : x[i] * decay;
                x[i] = x[i] - shrink - adamStep;
                var moved = adamStep + shrink;
                squared += moved * moved;
            }
            return Math.Sqrt(squared);
        }
    }
}
