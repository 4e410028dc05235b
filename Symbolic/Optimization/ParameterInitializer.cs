namespace Symbolic.Optimization;

/// <summary>
/// How a block of parameters starts: zeros, a constant, or random values scaled to the layer's fan-in and
/// fan-out (for a matrix block, fan-in = its columns, the inputs of a unit; fan-out = its rows). Random
/// initialisers draw from the <see cref="Random"/> they are given, so a seed makes them deterministic.
/// </summary>
public abstract class ParameterInitializer
{
    /// <summary>Initialises an initialiser; derive to write your own.</summary>
    protected ParameterInitializer() { }

    /// <summary>Fills <paramref name="values"/>, the elements of <paramref name="block"/>.</summary>
    /// <param name="values">The block's elements, in storage order.</param>
    /// <param name="block">The block (its shape gives the fans).</param>
    /// <param name="random">The source of random numbers.</param>
    public abstract void Fill(Span<double> values, ParameterBlock block, Random random);

    /// <summary>All zeros.</summary>
    public static ParameterInitializer Zeros { get; } = Constant(0);

    /// <summary>Every element <paramref name="value"/>.</summary>
    /// <param name="value">The value (finite).</param>
    /// <returns>The initialiser.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not finite.</exception>
    public static ParameterInitializer Constant(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "The constant must be finite.");
        return new ConstantInitializer(value);
    }

    /// <summary>Glorot (Xavier) uniform: U(−a, a) with a = √(6 / (fan-in + fan-out)); for tanh and sigmoid layers.</summary>
    public static ParameterInitializer GlorotUniform { get; } = new UniformInitializer(block => Math.Sqrt(6.0 / (FanIn(block) + FanOut(block))));

    /// <summary>He (Kaiming) uniform: U(−a, a) with a = √(6 / fan-in); for ReLU layers.</summary>
    public static ParameterInitializer HeUniform { get; } = new UniformInitializer(block => Math.Sqrt(6.0 / FanIn(block)));

    /// <summary>The inputs of a unit: a matrix's columns, a vector's length.</summary>
    private static int FanIn(ParameterBlock block) => block.IsMatrix ? block.Columns : block.Rows;

    /// <summary>The units fed: a matrix's rows, a vector's length.</summary>
    private static int FanOut(ParameterBlock block) => block.Rows;

    private sealed class ConstantInitializer(double value) : ParameterInitializer
    {
        public override void Fill(Span<double> values, ParameterBlock block, Random random) => values.Fill(value);
    }

    private sealed class UniformInitializer(Func<ParameterBlock, double> limit) : ParameterInitializer
    {
        public override void Fill(Span<double> values, ParameterBlock block, Random random)
        {
            ArgumentNullException.ThrowIfNull(random);
            var a = limit(block);
            for (var i = 0; i < values.Length; i++) values[i] = (2 * random.NextDouble() - 1) * a;
        }
    }
}
