using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Symbolic.Runtime;

/// <summary>
/// Elementwise maps over a row of a grid, n doubles at a time, through <see cref="TensorPrimitives"/>
/// (vectorised): what an activation, a bias add or a softmax's exponentials become when every operand
/// is a contiguous row or a scalar. Arrays and offsets rather than spans, since expression trees cannot
/// pass spans.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static partial class RowMaps
{
    internal static readonly MethodInfo UnaryMethod = RuntimeMethods.Find(typeof(RowMaps), nameof(Unary), typeof(double));
    internal static readonly MethodInfo BinaryMethod = RuntimeMethods.Find(typeof(RowMaps), nameof(Binary), typeof(double));
    internal static readonly MethodInfo BinaryScalarMethod = RuntimeMethods.Find(typeof(RowMaps), nameof(BinaryScalar), typeof(double));
    internal static readonly MethodInfo ScalarBinaryMethod = RuntimeMethods.Find(typeof(RowMaps), nameof(ScalarBinary), typeof(double));
    internal static readonly MethodInfo ScratchMethod = RuntimeMethods.Find(typeof(RowMaps), nameof(Scratch), typeof(double));
    internal static readonly MethodInfo SumMethod = RuntimeMethods.Find(typeof(RowMaps), nameof(Sum), typeof(double));
    internal static readonly MethodInfo CopyMethod = RuntimeMethods.Find(typeof(RowMaps), nameof(Copy), typeof(double));
    internal static readonly MethodInfo FillMethod = RuntimeMethods.Find(typeof(RowMaps), nameof(Fill), typeof(double));
    internal static readonly MethodInfo SelectMethod = RuntimeMethods.Find(typeof(RowMaps), nameof(Select), typeof(double));

    /// <summary>Room for the intermediate rows of one grid on this thread, from <paramref name="pool"/> (overwritten by the next grid).</summary>
    public static double[] Scratch(Runtime.BufferPool pool, int length) => (pool ?? throw new ArgumentNullException(nameof(pool))).Scratch(length);

    /// <summary>Σ x[offset + i] for i &lt; n (vectorised: the additions are grouped differently from a loop's).</summary>
    public static double Sum(double[] x, int offset, int n) => TensorPrimitives.Sum(In(x, offset, n));

    /// <summary>destination[destinationOffset + i] = x[xOffset + i] for i &lt; n.</summary>
    public static void Copy(double[] x, int xOffset, double[] destination, int destinationOffset, int n) => In(x, xOffset, n).CopyTo(Out(destination, destinationOffset, n));

    /// <summary>destination[destinationOffset + i] = s for i &lt; n: a scalar operand of a selection, as a row.</summary>
    public static void Fill(double s, double[] destination, int destinationOffset, int n) => Out(destination, destinationOffset, n).Fill(s);

    /// <summary>
    /// destination[i] = (x[i] op y[i]) ? whenTrue[i] : whenFalse[i], with C#'s comparisons (false for NaN but
    /// in <see cref="RowOperation.NotEqual"/>): a conditional such as <c>z &gt; 0 ? z : 0</c> (ReLU) and its derivative.
    /// </summary>
    public static void Select(int op, double[] x, int xOffset, double[] y, int yOffset, double[] whenTrue, int trueOffset, double[] whenFalse, int falseOffset,
        double[] destination, int destinationOffset, int n) =>
        SelectRows(op, x, xOffset, y, yOffset, whenTrue, trueOffset, whenFalse, falseOffset, destination, destinationOffset, n);

    // One body for both precisions; the JIT specialises it per element type, so each runs as its own hand-written loop did.
    private static void SelectRows<T>(int op, T[] x, int xOffset, T[] y, int yOffset, T[] whenTrue, int trueOffset, T[] whenFalse, int falseOffset,
        T[] destination, int destinationOffset, int n) where T : unmanaged, System.Numerics.IComparisonOperators<T, T, bool>
    {
        ReadOnlySpan<T> a = In(x, xOffset, n), b = In(y, yOffset, n), t = In(whenTrue, trueOffset, n), f = In(whenFalse, falseOffset, n);
        Span<T> target = Out(destination, destinationOffset, n);
        var comparison = (RowOperation)op;
        if (comparison is < RowOperation.Equal or > RowOperation.GreaterThanOrEqual) throw new ArgumentOutOfRangeException(nameof(op), comparison, "Select takes a comparison.");
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i + Vector256<T>.Count <= n; i += Vector256<T>.Count)
            {
                var (va, vb) = (Vector256.Create(a[i..]), Vector256.Create(b[i..]));
                var mask = comparison switch
                {
                    RowOperation.Equal => Vector256.Equals(va, vb),
                    RowOperation.NotEqual => ~Vector256.Equals(va, vb),
                    RowOperation.LessThan => Vector256.LessThan(va, vb),
                    RowOperation.LessThanOrEqual => Vector256.LessThanOrEqual(va, vb),
                    RowOperation.GreaterThan => Vector256.GreaterThan(va, vb),
                    _ => Vector256.GreaterThanOrEqual(va, vb),
                };
                Vector256.ConditionalSelect(mask, Vector256.Create(t[i..]), Vector256.Create(f[i..])).CopyTo(target[i..]);
            }
        for (; i < n; i++)
        {
            var holds = comparison switch
            {
                RowOperation.Equal => a[i] == b[i],
                RowOperation.NotEqual => a[i] != b[i],
                RowOperation.LessThan => a[i] < b[i],
                RowOperation.LessThanOrEqual => a[i] <= b[i],
                RowOperation.GreaterThan => a[i] > b[i],
                _ => a[i] >= b[i],
            };
            target[i] = holds ? t[i] : f[i];
        }
    }

    /// <summary>
    /// x[offset .. offset + n) — nothing when n is 0 (a loop that does not run reads nothing), and the
    /// IndexOutOfRangeException the loop's reads would throw when the row runs past the array.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<T> In<T>(T[] x, int offset, int n, [CallerArgumentExpression(nameof(x))] string? name = null) => Out(x, offset, n, name);

    // Inlined with the calls (a blocked loop makes two per map per block); the throw's message is built out of line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Span<T> Out<T>(T[] x, int offset, int n, [CallerArgumentExpression(nameof(x))] string? name = null)
    {
        if (n <= 0) return [];
        if (x is null) throw new ArgumentNullException(name);
        if (offset < 0 || (long)offset + n > x.Length) throw PastArray(x.Length, offset, n);
        return new Span<T>(x, offset, n);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IndexOutOfRangeException PastArray(int length, int offset, int n) => new($"A row of {n} from {offset} runs past an array of {length}.");

    /// <summary>destination[i] = op(x[i]) for i &lt; n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Unary(int op, double[] x, int xOffset, double[] destination, int destinationOffset, int n)
    {
        ReadOnlySpan<double> source = In(x, xOffset, n);
        Span<double> target = Out(destination, destinationOffset, n);
        switch ((RowOperation)op)
        {
            case RowOperation.Negate: TensorPrimitives.Negate(source, target); break;
            case RowOperation.Abs: TensorPrimitives.Abs(source, target); break;
            case RowOperation.Exp: TensorPrimitives.Exp(source, target); break;
            case RowOperation.Log: TensorPrimitives.Log(source, target); break;
            case RowOperation.Sqrt: TensorPrimitives.Sqrt(source, target); break;
            case RowOperation.Tanh: TensorPrimitives.Tanh(source, target); break;
            case RowOperation.Sin: TensorPrimitives.Sin(source, target); break;
            case RowOperation.Cos: TensorPrimitives.Cos(source, target); break;
            case RowOperation.Sinh: TensorPrimitives.Sinh(source, target); break;
            case RowOperation.Cosh: TensorPrimitives.Cosh(source, target); break;
            case RowOperation.Atan: TensorPrimitives.Atan(source, target); break;
            case RowOperation.Sign: Sign(source, target); break;
            default: throw new InvalidOperationException($"{(RowOperation)op} is not mapped.");
        }
    }

    // SymbolicMath.Sign over a row without a branch per element (the signs of residuals are data: a branch mispredicts).
    // In place too: each vector is read before it is written.
    private static void Sign(ReadOnlySpan<double> x, Span<double> destination)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i + Vector256<double>.Count <= x.Length; i += Vector256<double>.Count)
            {
                var v = Vector256.Create(x[i..]);
                var signs = Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<double>.Zero), Vector256<double>.One,
                    Vector256.ConditionalSelect(Vector256.LessThan(v, Vector256<double>.Zero), -Vector256<double>.One, Vector256<double>.Zero));
                Vector256.ConditionalSelect(Vector256.Equals(v, v), signs, Vector256.Create(double.NaN)).CopyTo(destination[i..]);
            }
        for (; i < x.Length; i++) destination[i] = x[i] > 0 ? 1.0 : x[i] < 0 ? -1.0 : x[i] == 0 ? 0.0 : double.NaN;
    }

    /// <summary>destination[i] = x[i] op y[i].</summary>
    public static void Binary(int op, double[] x, int xOffset, double[] y, int yOffset, double[] destination, int destinationOffset, int n)
    {
        ReadOnlySpan<double> a = In(x, xOffset, n), b = In(y, yOffset, n);
        Span<double> target = Out(destination, destinationOffset, n);
        switch ((RowOperation)op)
        {
            case RowOperation.Add: TensorPrimitives.Add(a, b, target); break;
            case RowOperation.Subtract: TensorPrimitives.Subtract(a, b, target); break;
            case RowOperation.Multiply: TensorPrimitives.Multiply(a, b, target); break;
            case RowOperation.Divide: TensorPrimitives.Divide(a, b, target); break;
            default: throw new InvalidOperationException($"{(RowOperation)op} is not mapped.");
        }
    }

    /// <summary>destination[i] = x[i] op s.</summary>
    public static void BinaryScalar(int op, double[] x, int xOffset, double s, double[] destination, int destinationOffset, int n)
    {
        ReadOnlySpan<double> a = In(x, xOffset, n);
        Span<double> target = Out(destination, destinationOffset, n);
        switch ((RowOperation)op)
        {
            case RowOperation.Add: TensorPrimitives.Add(a, s, target); break;
            case RowOperation.Subtract: TensorPrimitives.Subtract(a, s, target); break;
            case RowOperation.Multiply: TensorPrimitives.Multiply(a, s, target); break;
            case RowOperation.Divide: TensorPrimitives.Divide(a, s, target); break;
            default: throw new InvalidOperationException($"{(RowOperation)op} is not mapped.");
        }
    }

    /// <summary>destination[i] = s op y[i].</summary>
    public static void ScalarBinary(int op, double s, double[] y, int yOffset, double[] destination, int destinationOffset, int n)
    {
        ReadOnlySpan<double> b = In(y, yOffset, n);
        Span<double> target = Out(destination, destinationOffset, n);
        switch ((RowOperation)op)
        {
            case RowOperation.Add: TensorPrimitives.Add(b, s, target); break;
            case RowOperation.Subtract: TensorPrimitives.Subtract(s, b, target); break;
            case RowOperation.Multiply: TensorPrimitives.Multiply(b, s, target); break;
            case RowOperation.Divide: TensorPrimitives.Divide(s, b, target); break;
            default: throw new InvalidOperationException($"{(RowOperation)op} is not mapped.");
        }
    }
}
