using System.Numerics;
using System.Runtime.CompilerServices;

namespace Symbolic;

/// <summary>The element-by-element operations behind the double and float overloads: written once over the element type.</summary>
public static partial class Linalg
{
    private static T[,] OuterOf<T>(T[] x, T[] y) where T : IMultiplyOperators<T, T, T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var result = new T[x.Length, y.Length];
        for (var i = 0; i < x.Length; i++)
            for (var j = 0; j < y.Length; j++) result[i, j] = x[i] * y[j];
        return result;
    }

    private static T[,] TransposeOf<T>(T[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = new T[a.GetLength(1), a.GetLength(0)];
        for (var i = 0; i < a.GetLength(0); i++)
            for (var j = 0; j < a.GetLength(1); j++) result[j, i] = a[i, j];
        return result;
    }

    private static T[,] MatrixOf<T>(T[] values, int offset, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if ((long)offset + (long)rows * columns > values.Length)
            throw new ArgumentOutOfRangeException(nameof(values), $"A {rows}×{columns} matrix at offset {offset} needs {(long)offset + (long)rows * columns} values; there are {values.Length}.");
        var result = new T[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) result[i, j] = values[offset + i * columns + j];
        return result;
    }

    private static T[] Flat<T>(T[,] matrix) where T : unmanaged
    {
        var flat = new T[matrix.Length];
        Buffer.BlockCopy(matrix, 0, flat, 0, matrix.Length * Unsafe.SizeOf<T>());
        return flat;
    }

    private static T[,] Shaped<T>(T[] flat, int rows, int columns) where T : unmanaged
    {
        var matrix = new T[rows, columns];
        Buffer.BlockCopy(flat, 0, matrix, 0, flat.Length * Unsafe.SizeOf<T>());
        return matrix;
    }
}
