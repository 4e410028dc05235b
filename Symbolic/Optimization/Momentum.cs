namespace Symbolic.Optimization;

/// <summary>
/// Gradient descent with momentum (the heavy ball): v ← μ·v + ∇f(x), x ← x − η·v; with Nesterov's
/// form, x ← x − η·(∇f(x) + μ·v). With μ = 0 it is gradient descent with a fixed step η.
/// </summary>
/// <remarks>The same formulation as PyTorch's <c>SGD(momentum, nesterov)</c>, with no dampening.</remarks>
public sealed class Momentum : StochasticOptimizer
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="options">The learning rate and momentum; the defaults if null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Momentum(MomentumOptions? options = null)
    {
        Options = options ?? new MomentumOptions();
        Options.Validate();
    }

    /// <summary>The options this optimiser runs with.</summary>
    public MomentumOptions Options { get; }

    /// <inheritdoc/>
    public override Stepper CreateStepper(int dimension)
    {
        // Before the stepper's state is sized: a negative length would otherwise surface as an OverflowException.
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        return new MomentumStepper(Options, dimension);
    }

    private sealed class MomentumStepper(MomentumOptions options, int dimension) : Stepper(dimension)
    {
        private readonly double[] _velocity = new double[dimension];

        protected override double Update(Span<double> x, ReadOnlySpan<double> gradient, int step)
        {
            var (rate, mu) = (LearningRateSchedule.Rate(options.Schedule, options.LearningRate, step), options.Momentum);
            var squared = 0.0;
            for (var i = 0; i < x.Length; i++)
            {
                var v = _velocity[i] = mu * _velocity[i] + gradient[i];
                var moved = rate * (options.Nesterov ? gradient[i] + mu * v : v);
                x[i] -= moved;
                squared += moved * moved;
            }
            return Math.Sqrt(squared);
        }
    }
}
