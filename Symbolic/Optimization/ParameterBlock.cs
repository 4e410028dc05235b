namespace Symbolic.Optimization;

/// <summary>
/// A named block of a packed parameter vector: a matrix stored row-major, element (i, j) at
/// <c>w[Offset + i * Columns + j]</c>, or a vector, element i at <c>w[Offset + i]</c>. Captured in a model, its
/// <see cref="Offset"/> and <see cref="Columns"/> keep the reads affine, so dense layers are still recognised.
/// </summary>
/// <param name="Name">The block's name, unique in its <see cref="ParameterLayout"/>.</param>
/// <param name="Offset">The index of the block's first element in the parameter vector.</param>
/// <param name="Rows">The number of rows (the length, for a vector).</param>
/// <param name="Columns">The number of columns (1 for a vector).</param>
/// <param name="IsMatrix">Whether the block was declared as a matrix (a vector otherwise).</param>
public readonly record struct ParameterBlock(string Name, int Offset, int Rows, int Columns, bool IsMatrix)
{
    /// <summary>The number of elements, <see cref="Rows"/> × <see cref="Columns"/>.</summary>
    public int Length => Rows * Columns;

    /// <summary>The shape as text: "matrix 128 × 784" or "vector 128".</summary>
    public string Shape => IsMatrix ? $"matrix {Rows} × {Columns}" : $"vector {Rows}";
}
