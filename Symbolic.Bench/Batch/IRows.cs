using System.Runtime.InteropServices;

namespace Symbolic.Bench.Batch;

/// <summary>Row i of a batch as a span, in place: a struct per layout, so hand-written loops over it compile to direct reads.</summary>
public interface IRows
{
    /// <summary>Row i.</summary>
    ReadOnlySpan<double> Row(int i);
}

/// <summary>Rows of a row-major flat array.</summary>
public readonly struct FlatRows(double[] x, int d) : IRows
{
    /// <inheritdoc/>
    public ReadOnlySpan<double> Row(int i) => x.AsSpan(i * d, d);
}

/// <summary>Rows of a 2-D array.</summary>
public readonly struct MatrixRows(double[,] x) : IRows
{
    /// <inheritdoc/>
    public ReadOnlySpan<double> Row(int i) => MemoryMarshal.CreateReadOnlySpan(ref x[i, 0], x.GetLength(1));
}

/// <summary>Rows of a jagged array.</summary>
public readonly struct JaggedRows(double[][] x) : IRows
{
    /// <inheritdoc/>
    public ReadOnlySpan<double> Row(int i) => x[i];
}
