using System.Collections.Immutable;

namespace Symbolic.Optimization;

/// <summary>
/// The named blocks of a packed parameter vector — matrices (row-major) and vectors, one after another — so
/// that models, initialisation, inspection and saving use names instead of hand-computed offsets. Immutable:
/// <see cref="Matrix"/> and <see cref="Vector"/> return a new layout with the block appended.
/// </summary>
/// <example>
/// <code>
/// var layout = new ParameterLayout().Matrix("W1", 128, 784).Vector("b1", 128).Matrix("W2", 10, 128).Vector("b2", 10);
/// var (W1, b1) = (layout["W1"], layout["b1"]);
/// // in a model: p[W1.Offset + j * W1.Columns + k] is W1[j, k], p[b1.Offset + j] is b1[j]
/// var w = layout.Initialize(seed: 1);                    // Glorot uniform matrices, zero vectors
/// double[,] w1 = layout.GetMatrix(w, "W1");
/// </code>
/// </example>
public sealed partial class ParameterLayout
{
    private readonly ImmutableArray<ParameterBlock> _blocks;
    private readonly ImmutableDictionary<string, ParameterBlock> _byName;

    /// <summary>An empty layout; append blocks with <see cref="Matrix"/> and <see cref="Vector"/>.</summary>
    public ParameterLayout() : this([], ImmutableDictionary<string, ParameterBlock>.Empty, 0) { }

    private ParameterLayout(ImmutableArray<ParameterBlock> blocks, ImmutableDictionary<string, ParameterBlock> byName, int size) =>
        (_blocks, _byName, Size) = (blocks, byName, size);

    /// <summary>The total number of parameters: the length of a parameter vector of this layout.</summary>
    public int Size { get; }

    /// <summary>The blocks, in storage order.</summary>
    public IReadOnlyList<ParameterBlock> Blocks => _blocks;

    /// <summary>The block called <paramref name="name"/>.</summary>
    /// <param name="name">The block's name.</param>
    /// <exception cref="ArgumentException">There is no block of that name.</exception>
    public ParameterBlock this[string name] => Find(name);

    /// <summary>A layout with a matrix block of <paramref name="rows"/> × <paramref name="columns"/> (row-major) appended.</summary>
    /// <param name="name">A name not yet used in the layout.</param>
    /// <param name="rows">The number of rows (≥ 1); for a layer, its output units.</param>
    /// <param name="columns">The number of columns (≥ 1); for a layer, its inputs.</param>
    /// <returns>The new layout (this one is unchanged).</returns>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1, or the layout would exceed <see cref="int.MaxValue"/> parameters.</exception>
    public ParameterLayout Matrix(string name, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        return Append(name, rows, columns, isMatrix: true);
    }

    /// <summary>A layout with a vector block of <paramref name="length"/> elements appended.</summary>
    /// <param name="name">A name not yet used in the layout.</param>
    /// <param name="length">The number of elements (≥ 1).</param>
    /// <returns>The new layout (this one is unchanged).</returns>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1, or the layout would exceed <see cref="int.MaxValue"/> parameters.</exception>
    public ParameterLayout Vector(string name, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return Append(name, length, 1, isMatrix: false);
    }

    private ParameterLayout Append(string name, int rows, int columns, bool isMatrix)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_byName.ContainsKey(name)) throw new ArgumentException($"The layout already has a block named '{name}'.", nameof(name));
        var length = (long)rows * columns;
        if (Size + length > int.MaxValue)
            throw new ArgumentOutOfRangeException(isMatrix ? nameof(columns) : "length", length, $"Block '{name}' would make the layout longer than {int.MaxValue} parameters.");
        var block = new ParameterBlock(name, Size, rows, columns, isMatrix);
        return new ParameterLayout(_blocks.Add(block), _byName.Add(name, block), Size + (int)length);
    }

    /// <summary>A new parameter vector of this layout: <see cref="Size"/> zeros.</summary>
    /// <returns>The vector.</returns>
    public double[] Zeros() => new double[Size];

    /// <summary>
    /// A new parameter vector with every block filled by the initialiser <paramref name="choose"/> gives it,
    /// in storage order from one <see cref="Random"/> seeded with <paramref name="seed"/> (deterministic).
    /// </summary>
    /// <param name="seed">The seed of the random numbers.</param>
    /// <param name="choose">The initialiser of each block; null gives <see cref="ParameterInitializer.GlorotUniform"/> for matrices and zeros for vectors.</param>
    /// <returns>The vector.</returns>
    public double[] Initialize(int seed, Func<ParameterBlock, ParameterInitializer>? choose = null)
    {
        choose ??= block => block.IsMatrix ? ParameterInitializer.GlorotUniform : ParameterInitializer.Zeros;
        var w = Zeros();
        var random = new Random(seed);
        foreach (var block in _blocks)
        {
            var initializer = choose(block) ?? throw new InvalidOperationException($"No initialiser was given for block '{block.Name}'.");
            initializer.Fill(w.AsSpan(block.Offset, block.Length), block, random);
        }
        return w;
    }

    /// <summary>Fills the block <paramref name="name"/> of <paramref name="w"/> with <paramref name="initializer"/>.</summary>
    /// <param name="w">A parameter vector of this layout.</param>
    /// <param name="name">The block's name.</param>
    /// <param name="initializer">How to fill it.</param>
    /// <param name="random">The source of random numbers (seed it for a deterministic fill).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There is no such block, or <paramref name="w"/> has the wrong length.</exception>
    public void Fill(double[] w, string name, ParameterInitializer initializer, Random random)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        ArgumentNullException.ThrowIfNull(random);
        var block = Find(name);
        initializer.Fill(Slice(w, block), block, random);
    }

    /// <summary>The elements of block <paramref name="name"/> in <paramref name="w"/>, in place (row-major for a matrix).</summary>
    /// <param name="w">A parameter vector of this layout.</param>
    /// <param name="name">The block's name.</param>
    /// <returns>A span over the block's elements in <paramref name="w"/>: writes change <paramref name="w"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no such block, or <paramref name="w"/> has the wrong length.</exception>
    public Span<double> Slice(double[] w, string name) => Slice(w, Find(name));

    /// <summary>A copy of block <paramref name="name"/>'s elements (row-major for a matrix).</summary>
    /// <param name="w">A parameter vector of this layout.</param>
    /// <param name="name">The block's name.</param>
    /// <returns>A new array of the block's length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no such block, or <paramref name="w"/> has the wrong length.</exception>
    public double[] Get(double[] w, string name) => Slice(w, name).ToArray();

    /// <summary>A copy of block <paramref name="name"/> as a two-dimensional array (rows × columns; a vector is one column).</summary>
    /// <param name="w">A parameter vector of this layout.</param>
    /// <param name="name">The block's name.</param>
    /// <returns>A new <c>double[Rows, Columns]</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no such block, or <paramref name="w"/> has the wrong length.</exception>
    public double[,] GetMatrix(double[] w, string name)
        => ToMatrix(w, Find(name));

    /// <summary>Writes <paramref name="values"/> (row-major for a matrix) into block <paramref name="name"/> of <paramref name="w"/>.</summary>
    /// <param name="w">A parameter vector of this layout.</param>
    /// <param name="name">The block's name.</param>
    /// <param name="values">Exactly the block's length of values.</param>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no such block, <paramref name="w"/> has the wrong length, or <paramref name="values"/> has not the block's length.</exception>
    public void Set(double[] w, string name, ReadOnlySpan<double> values)
        => CopyInto(w, name, values);

    /// <summary>Writes a two-dimensional array into block <paramref name="name"/> of <paramref name="w"/>.</summary>
    /// <param name="w">A parameter vector of this layout.</param>
    /// <param name="name">The block's name.</param>
    /// <param name="values">An array of the block's shape (rows × columns; a vector is one column).</param>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> or <paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no such block, <paramref name="w"/> has the wrong length, or <paramref name="values"/> has not the block's shape.</exception>
    public void Set(double[] w, string name, double[,] values)
        => CopyInto(w, name, values);

    /// <summary>The layout as text, one block per line: "W1: matrix 128 × 784 at 0".</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        string.Join(Environment.NewLine, _blocks.Select(b => $"{b.Name}: {b.Shape} at {b.Offset}").Append($"({Size} parameters)"));

    private ParameterBlock Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out var block) ? block
            : throw new ArgumentException($"The layout has no block named '{name}'; it has {string.Join(", ", _blocks.Select(b => $"'{b.Name}'"))}.", nameof(name));
    }

}
