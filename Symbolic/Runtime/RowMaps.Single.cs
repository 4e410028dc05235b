using System.Numerics.Tensors;
using System.Reflection;
using System.Runtime.Intrinsics;

namespace Symbolic.Runtime;

public static partial class RowMaps
{
    /// <summary>The float twin of an entry point of this class (same name, float arrays), for code that emits a single-precision model.</summary>
    internal static MethodInfo SingleMethod(string name) => RuntimeMethods.Find(typeof(RowMaps), name, typeof(float));

    /// <summary>Room for the float intermediate rows of one grid on this thread, from <paramref name="pool"/> (overwritten by the next grid).</summary>
    public static float[] SingleScratch(Runtime.BufferPool pool, int length) => (pool ?? throw new ArgumentNullException(nameof(pool))).SingleScratch(length);

    /// <summary>
    /// Σ x[offset + i] for i &lt; n, accumulated in double and rounded to float once (a float model's accumulation
    /// policy, docs/precision.md): the floats are widened exactly, eight at a time, into two double vectors.
    /// </summary>
    public static float Sum(float[] x, int offset, int n)
    {
        var row = In(x, offset, n);
        var i = 0;
        var total = 0.0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            var (low, high) = (Vector256<double>.Zero, Vector256<double>.Zero);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.Create(row[i..]));
                (low, high) = (low + lower, high + upper);
            }
            total = Vector256.Sum(low + high);
        }
        for (; i < n; i++) total += row[i];
        return (float)total;
    }

    /// <summary>destination[destinationOffset + i] = x[xOffset + i] for i &lt; n.</summary>
    public static void Copy(float[] x, int xOffset, float[] destination, int destinationOffset, int n) => In(x, xOffset, n).CopyTo(Out(destination, destinationOffset, n));

    /// <summary>destination[destinationOffset + i] = s for i &lt; n: a scalar operand of a selection, as a row.</summary>
    public static void Fill(float s, float[] destination, int destinationOffset, int n) => Out(destination, destinationOffset, n).Fill(s);

    /// <summary>destination[i] = (x[i] op y[i]) ? whenTrue[i] : whenFalse[i] in float, with C#'s comparisons (see the double overload).</summary>
    public static void Select(int op, float[] x, int xOffset, float[] y, int yOffset, float[] whenTrue, int trueOffset, float[] whenFalse, int falseOffset,
        float[] destination, int destinationOffset, int n) =>
        SelectRows(op, x, xOffset, y, yOffset, whenTrue, trueOffset, whenFalse, falseOffset, destination, destinationOffset, n);

    /// <summary>
    /// destination[i] = op(x[i]) for i &lt; n, in float: <see cref="TensorPrimitives"/>' float maps, within a few ulps of
    /// <see cref="MathF"/> (tanh vectorised in float by <see cref="SingleTanh"/> where AVX-512 is accelerated, else, like
    /// sinh, through double: see <see cref="InDouble"/>).
    /// </summary>
    public static void Unary(int op, float[] x, int xOffset, float[] destination, int destinationOffset, int n)
    {
        ReadOnlySpan<float> source = In(x, xOffset, n);
        Span<float> target = Out(destination, destinationOffset, n);
        switch ((RowOperation)op)
        {
            case RowOperation.Negate: TensorPrimitives.Negate(source, target); break;
            case RowOperation.Abs: TensorPrimitives.Abs(source, target); break;
            case RowOperation.Exp: TensorPrimitives.Exp(source, target); break;
            case RowOperation.Log: TensorPrimitives.Log(source, target); break;
            case RowOperation.Sqrt: TensorPrimitives.Sqrt(source, target); break;
            case RowOperation.Tanh when SingleTanh.IsAccelerated: SingleTanh.Map(source, target); break;
            case RowOperation.Tanh: InDouble(RowOperation.Tanh, source, target); break;
            case RowOperation.Sin: TensorPrimitives.Sin(source, target); break;
            case RowOperation.Cos: TensorPrimitives.Cos(source, target); break;
            case RowOperation.Sinh: InDouble(RowOperation.Sinh, source, target); break;
            case RowOperation.Cosh: TensorPrimitives.Cosh(source, target); break;
            case RowOperation.Atan: TensorPrimitives.Atan(source, target); break;
            default: throw new InvalidOperationException($"{(RowOperation)op} is not mapped.");
        }
    }

    /// <summary>Below this, tanh x and sinh x round to x in float.</summary>
    private const float SmallArgument = 1f / 4096;

    /// <summary>
    /// tanh or sinh of floats computed in double and rounded: TensorPrimitives' float versions are off by about 2⁻²⁴
    /// absolutely near zero (tanh(−0) gave 6·10⁻⁸), an unbounded relative error for the small arguments of a
    /// freshly initialised layer. The double versions are off by about 10⁻¹⁶ absolutely (tanh(10⁻²⁰) gave −0), so
    /// below 2⁻¹² — where tanh x and sinh x round to x in float (x³/6 &lt; 2⁻²⁵·x) — the result is x itself.
    /// </summary>
    private static void InDouble(RowOperation op, ReadOnlySpan<float> source, Span<float> target)
    {
        Span<double> block = stackalloc double[256];
        for (var start = 0; start < source.Length; start += block.Length)
        {
            var count = Math.Min(block.Length, source.Length - start);
            var chunk = block[..count];
            TensorPrimitives.ConvertTruncating(source.Slice(start, count), chunk);
            if (op == RowOperation.Tanh) TensorPrimitives.Tanh(chunk, chunk);
            else TensorPrimitives.Sinh(chunk, chunk);
            TensorPrimitives.ConvertTruncating(chunk, target.Slice(start, count));
            for (var i = start; i < start + count; i++)
                if (MathF.Abs(source[i]) < SmallArgument) target[i] = source[i];
        }
    }

    /// <summary>destination[i] = x[i] op y[i] in float.</summary>
    public static void Binary(int op, float[] x, int xOffset, float[] y, int yOffset, float[] destination, int destinationOffset, int n)
    {
        ReadOnlySpan<float> a = In(x, xOffset, n), b = In(y, yOffset, n);
        Span<float> target = Out(destination, destinationOffset, n);
        switch ((RowOperation)op)
        {
            case RowOperation.Add: TensorPrimitives.Add(a, b, target); break;
            case RowOperation.Subtract: TensorPrimitives.Subtract(a, b, target); break;
            case RowOperation.Multiply: TensorPrimitives.Multiply(a, b, target); break;
            case RowOperation.Divide: TensorPrimitives.Divide(a, b, target); break;
            default: throw new InvalidOperationException($"{(RowOperation)op} is not mapped.");
        }
    }

    /// <summary>destination[i] = x[i] op s in float.</summary>
    public static void BinaryScalar(int op, float[] x, int xOffset, float s, float[] destination, int destinationOffset, int n)
    {
        ReadOnlySpan<float> a = In(x, xOffset, n);
        Span<float> target = Out(destination, destinationOffset, n);
        switch ((RowOperation)op)
        {
            case RowOperation.Add: TensorPrimitives.Add(a, s, target); break;
            case RowOperation.Subtract: TensorPrimitives.Subtract(a, s, target); break;
            case RowOperation.Multiply: TensorPrimitives.Multiply(a, s, target); break;
            case RowOperation.Divide: TensorPrimitives.Divide(a, s, target); break;
            default: throw new InvalidOperationException($"{(RowOperation)op} is not mapped.");
        }
    }

    /// <summary>destination[i] = s op y[i] in float.</summary>
    public static void ScalarBinary(int op, float s, float[] y, int yOffset, float[] destination, int destinationOffset, int n)
    {
        ReadOnlySpan<float> b = In(y, yOffset, n);
        Span<float> target = Out(destination, destinationOffset, n);
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
