using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Symbolic.Runtime;

/// <summary>
/// One block of a loop over data rows run in blocks (the block-rows pass): the block's dot products with the
/// weights, z = X_B·w, and its gradient scatter, g += X_Bᵀ·c, one call each per block instead of a scalar loop
/// per row. The rows are read where they are — flat (an offset and a stride), 2-D (<c>X[i, j]</c>) or jagged
/// (<c>X[i][j]</c>) — and checked once per block: every row the block reads must lie inside its array.
/// Arrays and offsets rather than spans, since expression trees cannot pass spans.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RowBlocks
{
    internal static readonly MethodInfo FlatDotMethod = Method(nameof(Dot), typeof(double[]));
    internal static readonly MethodInfo MatrixDotMethod = Method(nameof(Dot), typeof(double[,]));
    internal static readonly MethodInfo JaggedDotMethod = Method(nameof(Dot), typeof(double[][]));
    internal static readonly MethodInfo FlatAddScaledMethod = Method(nameof(AddScaled), typeof(double[]));
    internal static readonly MethodInfo MatrixAddScaledMethod = Method(nameof(AddScaled), typeof(double[,]));
    internal static readonly MethodInfo JaggedAddScaledMethod = Method(nameof(AddScaled), typeof(double[][]));

    // The overloads differ in the data's type, their first parameter.
    private static MethodInfo Method(string name, Type data) =>
        typeof(RowBlocks).GetMethods(BindingFlags.Public | BindingFlags.Static).Single(m => m.Name == name && m.GetParameters()[0].ParameterType == data);

    /// <summary>z[zOffset + r] = Σⱼ w[wOffset + j]·x[offset + r·stride + j] for j &lt; width, r &lt; rows.</summary>
    public static void Dot(double[] x, int offset, int stride, int width, double[] w, int wOffset, double[] z, int zOffset, int rows)
    {
        if (rows <= 0) return;
        ref var first = ref Flat(x, offset, stride, width, rows);
        if (width <= 0) Zero(z, zOffset, rows);
        else RowBlockKernels.Dot(new RowBlockKernels.Strided(ref first, stride), ref Row(w, wOffset, width), width, ref Row(z, zOffset, rows), rows);
    }

    /// <summary>z[zOffset + r] = Σⱼ w[wOffset + j]·x[row + r, column + j] for j &lt; width, r &lt; rows.</summary>
    public static void Dot(double[,] x, int row, int column, int width, double[] w, int wOffset, double[] z, int zOffset, int rows)
    {
        if (rows <= 0) return;
        ref var first = ref Matrix(x, row, column, width, rows);
        if (width <= 0) Zero(z, zOffset, rows);
        else RowBlockKernels.Dot(new RowBlockKernels.Strided(ref first, x.GetLength(1)), ref Row(w, wOffset, width), width, ref Row(z, zOffset, rows), rows);
    }

    /// <summary>z[zOffset + r] = Σⱼ w[wOffset + j]·x[row + r][column + j] for j &lt; width, r &lt; rows.</summary>
    public static void Dot(double[][] x, int row, int column, int width, double[] w, int wOffset, double[] z, int zOffset, int rows)
    {
        if (rows <= 0) return;
        Jagged(x, row, column, width, rows);
        if (width <= 0) Zero(z, zOffset, rows);
        else RowBlockKernels.Dot(new RowBlockKernels.Jagged(x, row, column, column + width), ref Row(w, wOffset, width), width, ref Row(z, zOffset, rows), rows);
    }

    /// <summary>g[gOffset + j] += Σᵣ x[offset + r·stride + j]·c[cOffset + r] for j &lt; width, the rows r &lt; rows in order (the bits of the loop row by row).</summary>
    public static void AddScaled(double[] x, int offset, int stride, int width, double[] c, int cOffset, double[] g, int gOffset, int rows)
    {
        if (rows <= 0 || width <= 0) return;
        ref var first = ref Flat(x, offset, stride, width, rows);
        RowBlockKernels.AddScaled(new RowBlockKernels.Strided(ref first, stride), ref Row(c, cOffset, rows), rows, ref Row(g, gOffset, width), width);
    }

    /// <summary>g[gOffset + j] += Σᵣ x[row + r, column + j]·c[cOffset + r] for j &lt; width, the rows r &lt; rows in order.</summary>
    public static void AddScaled(double[,] x, int row, int column, int width, double[] c, int cOffset, double[] g, int gOffset, int rows)
    {
        if (rows <= 0 || width <= 0) return;
        ref var first = ref Matrix(x, row, column, width, rows);
        RowBlockKernels.AddScaled(new RowBlockKernels.Strided(ref first, x.GetLength(1)), ref Row(c, cOffset, rows), rows, ref Row(g, gOffset, width), width);
    }

    /// <summary>g[gOffset + j] += Σᵣ x[row + r][column + j]·c[cOffset + r] for j &lt; width, the rows r &lt; rows in order.</summary>
    public static void AddScaled(double[][] x, int row, int column, int width, double[] c, int cOffset, double[] g, int gOffset, int rows)
    {
        if (rows <= 0 || width <= 0) return;
        Jagged(x, row, column, width, rows);
        RowBlockKernels.AddScaled(new RowBlockKernels.Jagged(x, row, column, column + width), ref Row(c, cOffset, rows), rows, ref Row(g, gOffset, width), width);
    }

    /// <summary>An empty row's dot products: zeros.</summary>
    private static void Zero(double[] z, int zOffset, int rows) => MemoryMarshal.CreateSpan(ref Row(z, zOffset, rows), rows).Clear();

    /// <summary>x[offset .. offset + n) of a vector (weights, gradient, the block's column), or the IndexOutOfRangeException the loop's reads would throw.</summary>
    // Inlined into the compiled gradient with the calls' checks (a call per check was about 2 ns, six a block); the throws are out of line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double Row(double[] x, int offset, int n, [CallerArgumentExpression(nameof(x))] string? name = null)
    {
        if (x is null) throw new ArgumentNullException(name);
        if (n <= 0) return ref MemoryMarshal.GetArrayDataReference(x);
        if (offset < 0 || (long)offset + n > x.Length) throw PastRow(x, offset, n, name);
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(x), offset);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IndexOutOfRangeException PastRow(double[] x, int offset, int n, string? name) =>
        new($"The model reads {name}[{offset}] to {name}[{(long)offset + n - 1}], past an array of {x.Length}.");

    /// <summary>The first element a block of flat rows reads, after checking that the first and the last row lie inside the array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double Flat(double[] x, int offset, int stride, int width, int rows)
    {
        if (x is null) throw new ArgumentNullException(nameof(x), "The data must not be null.");
        if (width <= 0) return ref MemoryMarshal.GetArrayDataReference(x);
        var last = offset + (long)(rows - 1) * stride;
        if (Math.Min(offset, last) < 0 || Math.Max(offset, last) + width > x.Length) throw OutsideFlat(x, width, Math.Min(offset, last), Math.Max(offset, last));
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(x), offset);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IndexOutOfRangeException OutsideFlat(double[] x, int width, long first, long last) =>
        new($"The model reads rows of {width} from {first} to {last + width - 1} of flat data of {x.Length} entries.");

    /// <summary>The first element a block of a 2-D array's rows reads, after checking the block's rows and columns against its lengths.</summary>
    private static ref double Matrix(double[,] x, int row, int column, int width, int rows)
    {
        if (x is null) throw new ArgumentNullException(nameof(x), "The data must not be null.");
        if (x.GetLowerBound(0) != 0 || x.GetLowerBound(1) != 0) throw new IndexOutOfRangeException("The data's indices start at a lower bound other than 0.");
        var (length, columns) = (x.GetLength(0), x.GetLength(1));
        if (row < 0 || (long)row + rows > length || (width > 0 && (column < 0 || (long)column + width > columns)))
            throw new IndexOutOfRangeException($"The model reads rows {row} to {(long)row + rows - 1}, columns {column} to {(long)column + width - 1} of 2-D data of {length} × {columns}.");
        ref var data = ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(x));
        return ref width <= 0 ? ref data : ref Unsafe.Add(ref data, (nint)row * columns + column);
    }

    /// <summary>Checks a block of jagged rows: the rows lie inside the array; each row's length is checked as it is read (<see cref="RowBlockKernels.Jagged"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Jagged(double[][] x, int row, int column, int width, int rows)
    {
        if (x is null) throw new ArgumentNullException(nameof(x), "The data must not be null.");
        if (row < 0 || (long)row + rows > x.Length || (width > 0 && (column < 0 || (long)column + width > int.MaxValue))) throw OutsideJagged(x, row, column, width, rows);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IndexOutOfRangeException OutsideJagged(double[][] x, int row, int column, int width, int rows) => row < 0 || (long)row + rows > x.Length
        ? new($"The model reads rows {row} to {(long)row + rows - 1} of jagged data of {x.Length} rows.")
        : new($"The model reads columns {column} to {(long)column + width - 1} of jagged data.");
}
