namespace Symbolic.Optimization;

public sealed partial class ParameterLayout
{
    /// <summary>A new single-precision parameter vector of this layout: <see cref="Size"/> zeros.</summary>
    /// <returns>The vector.</returns>
    public float[] SingleZeros() => new float[Size];

    /// <summary>
    /// A new single-precision parameter vector: <see cref="Initialize"/>'s values for the same seed and initialisers,
    /// rounded to float (a float model starts where its double twin does, to float's precision).
    /// </summary>
    /// <param name="seed">The seed of the random numbers.</param>
    /// <param name="choose">The initialiser of each block, as for <see cref="Initialize"/>.</param>
    /// <returns>The vector.</returns>
    public float[] InitializeSingle(int seed, Func<ParameterBlock, ParameterInitializer>? choose = null) =>
        Array.ConvertAll(Initialize(seed, choose), value => (float)value);

    /// <summary>Fills the block <paramref name="name"/> of a float vector with <paramref name="initializer"/> (drawn in double, rounded).</summary>
    /// <param name="w">A single-precision parameter vector of this layout.</param>
    /// <param name="name">The block's name.</param>
    /// <param name="initializer">How to fill it.</param>
    /// <param name="random">The source of random numbers (seed it for a deterministic fill).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There is no such block, or <paramref name="w"/> has the wrong length.</exception>
    public void Fill(float[] w, string name, ParameterInitializer initializer, Random random)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        ArgumentNullException.ThrowIfNull(random);
        var block = Find(name);
        var target = Slice(w, block);
        var values = new double[block.Length];
        initializer.Fill(values, block, random);
        for (var i = 0; i < values.Length; i++) target[i] = (float)values[i];
    }

    /// <summary>The elements of block <paramref name="name"/> in a float vector, in place (row-major for a matrix).</summary>
    /// <param name="w">A single-precision parameter vector of this layout.</param>
    /// <param name="name">The block's name.</param>
    /// <returns>A span over the block's elements in <paramref name="w"/>: writes change <paramref name="w"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no such block, or <paramref name="w"/> has the wrong length.</exception>
    public Span<float> Slice(float[] w, string name) => Slice(w, Find(name));

    /// <summary>A copy of block <paramref name="name"/>'s elements of a float vector (row-major for a matrix).</summary>
    /// <param name="w">A single-precision parameter vector of this layout.</param>
    /// <param name="name">The block's name.</param>
    /// <returns>A new array of the block's length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no such block, or <paramref name="w"/> has the wrong length.</exception>
    public float[] Get(float[] w, string name) => Slice(w, name).ToArray();

    /// <summary>A copy of block <paramref name="name"/> of a float vector as a two-dimensional array (a vector is one column).</summary>
    /// <param name="w">A single-precision parameter vector of this layout.</param>
    /// <param name="name">The block's name.</param>
    /// <returns>A new <c>float[Rows, Columns]</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no such block, or <paramref name="w"/> has the wrong length.</exception>
    public float[,] GetMatrix(float[] w, string name)
        => ToMatrix(w, Find(name));

    /// <summary>Writes <paramref name="values"/> (row-major for a matrix) into block <paramref name="name"/> of a float vector.</summary>
    /// <param name="w">A single-precision parameter vector of this layout.</param>
    /// <param name="name">The block's name.</param>
    /// <param name="values">Exactly the block's length of values.</param>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no such block, <paramref name="w"/> has the wrong length, or <paramref name="values"/> has not the block's length.</exception>
    public void Set(float[] w, string name, ReadOnlySpan<float> values)
        => CopyInto(w, name, values);

    /// <summary>Writes a two-dimensional float array into block <paramref name="name"/> of a float vector.</summary>
    /// <param name="w">A single-precision parameter vector of this layout.</param>
    /// <param name="name">The block's name.</param>
    /// <param name="values">An array of the block's shape (rows × columns; a vector is one column).</param>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> or <paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no such block, <paramref name="w"/> has the wrong length, or <paramref name="values"/> has not the block's shape.</exception>
    public void Set(float[] w, string name, float[,] values)
        => CopyInto(w, name, values);

}
