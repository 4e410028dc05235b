using System.Numerics.Tensors;
using System.Reflection;
using Symbolic.Graph;

namespace Symbolic.Kernels;

/// <summary>
/// Elementwise maps over a row of a grid, n doubles at a time, through <see cref="TensorPrimitives"/>
/// (vectorised): what an activation, a bias add or a softmax's exponentials become when every operand
/// is a contiguous row or a scalar. Arrays and offsets rather than spans, since expression trees cannot
/// pass spans.
/// </summary>
internal static class RowMaps
{
    public static readonly MethodInfo UnaryMethod = typeof(RowMaps).GetMethod(nameof(Unary))!;
    public static readonly MethodInfo BinaryMethod = typeof(RowMaps).GetMethod(nameof(Binary))!;
    public static readonly MethodInfo BinaryScalarMethod = typeof(RowMaps).GetMethod(nameof(BinaryScalar))!;
    public static readonly MethodInfo ScalarBinaryMethod = typeof(RowMaps).GetMethod(nameof(ScalarBinary))!;
    public static readonly MethodInfo ScratchMethod = typeof(RowMaps).GetMethod(nameof(Scratch))!;

    [ThreadStatic] private static double[]? t_scratch;

    /// <summary>The unary operations mapped here (the others stay scalar loops).</summary>
    public static bool Maps(UnaryOp op) => op is UnaryOp.Negate or UnaryOp.Abs or UnaryOp.Exp or UnaryOp.Log or UnaryOp.Sqrt
        or UnaryOp.Tanh or UnaryOp.Sin or UnaryOp.Cos or UnaryOp.Sinh or UnaryOp.Cosh or UnaryOp.Atan;

    /// <summary>The binary operations mapped here.</summary>
    public static bool Maps(BinaryOp op) => op is BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply or BinaryOp.Divide;

    /// <summary>Per-thread room for the intermediate rows of one grid (overwritten by the next grid).</summary>
    public static double[] Scratch(int length)
    {
        if (t_scratch is null || t_scratch.Length < length) t_scratch = new double[length];
        return t_scratch;
    }

    /// <summary>destination[i] = op(x[i]) for i &lt; n.</summary>
    public static void Unary(int op, double[] x, int xOffset, double[] destination, int destinationOffset, int n)
    {
        ReadOnlySpan<double> source = new(x, xOffset, n);
        Span<double> target = new(destination, destinationOffset, n);
        switch ((UnaryOp)op)
        {
            case UnaryOp.Negate: TensorPrimitives.Negate(source, target); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(source, target); break;
            case UnaryOp.Exp: TensorPrimitives.Exp(source, target); break;
            case UnaryOp.Log: TensorPrimitives.Log(source, target); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(source, target); break;
            case UnaryOp.Tanh: TensorPrimitives.Tanh(source, target); break;
            case UnaryOp.Sin: TensorPrimitives.Sin(source, target); break;
            case UnaryOp.Cos: TensorPrimitives.Cos(source, target); break;
            case UnaryOp.Sinh: TensorPrimitives.Sinh(source, target); break;
            case UnaryOp.Cosh: TensorPrimitives.Cosh(source, target); break;
            case UnaryOp.Atan: TensorPrimitives.Atan(source, target); break;
            default: throw new InvalidOperationException($"{(UnaryOp)op} is not mapped.");
        }
    }

    /// <summary>destination[i] = x[i] op y[i].</summary>
    public static void Binary(int op, double[] x, int xOffset, double[] y, int yOffset, double[] destination, int destinationOffset, int n)
    {
        ReadOnlySpan<double> a = new(x, xOffset, n), b = new(y, yOffset, n);
        Span<double> target = new(destination, destinationOffset, n);
        switch ((BinaryOp)op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, b, target); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, target); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(a, b, target); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(a, b, target); break;
            default: throw new InvalidOperationException($"{(BinaryOp)op} is not mapped.");
        }
    }

    /// <summary>destination[i] = x[i] op s.</summary>
    public static void BinaryScalar(int op, double[] x, int xOffset, double s, double[] destination, int destinationOffset, int n)
    {
        ReadOnlySpan<double> a = new(x, xOffset, n);
        Span<double> target = new(destination, destinationOffset, n);
        switch ((BinaryOp)op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, s, target); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, s, target); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(a, s, target); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(a, s, target); break;
            default: throw new InvalidOperationException($"{(BinaryOp)op} is not mapped.");
        }
    }

    /// <summary>destination[i] = s op y[i].</summary>
    public static void ScalarBinary(int op, double s, double[] y, int yOffset, double[] destination, int destinationOffset, int n)
    {
        ReadOnlySpan<double> b = new(y, yOffset, n);
        Span<double> target = new(destination, destinationOffset, n);
        switch ((BinaryOp)op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(b, s, target); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(s, b, target); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(b, s, target); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(s, b, target); break;
            default: throw new InvalidOperationException($"{(BinaryOp)op} is not mapped.");
        }
    }
}
