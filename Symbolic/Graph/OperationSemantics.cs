namespace Symbolic.Graph;

/// <summary>
/// The numeric meaning of every operation: the same <see cref="Math"/> calls the emitted code makes, so
/// constant folding is bit-identical to evaluating the code.
/// </summary>
internal static class OperationSemantics
{
    public static double Apply(UnaryOp op, double a) => op switch
    {
        UnaryOp.Negate => -a,
        UnaryOp.Sin => Math.Sin(a),
        UnaryOp.Cos => Math.Cos(a),
        UnaryOp.Tan => Math.Tan(a),
        UnaryOp.Asin => Math.Asin(a),
        UnaryOp.Acos => Math.Acos(a),
        UnaryOp.Atan => Math.Atan(a),
        UnaryOp.Sinh => Math.Sinh(a),
        UnaryOp.Cosh => Math.Cosh(a),
        UnaryOp.Tanh => Math.Tanh(a),
        UnaryOp.Asinh => Math.Asinh(a),
        UnaryOp.Acosh => Math.Acosh(a),
        UnaryOp.Atanh => Math.Atanh(a),
        UnaryOp.Exp => Math.Exp(a),
        UnaryOp.Log => Math.Log(a),
        UnaryOp.Log10 => Math.Log10(a),
        UnaryOp.Log2 => Math.Log2(a),
        UnaryOp.Sqrt => Math.Sqrt(a),
        UnaryOp.Cbrt => Math.Cbrt(a),
        UnaryOp.Abs => Math.Abs(a),
        UnaryOp.Sign => SymbolicMath.Sign(a),
        UnaryOp.Floor => Math.Floor(a),
        UnaryOp.Ceiling => Math.Ceiling(a),
        UnaryOp.Round => Math.Round(a),
        UnaryOp.Truncate => Math.Truncate(a),
    };

    public static double Apply(BinaryOp op, double a, double b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Subtract => a - b,
        BinaryOp.Multiply => a * b,
        BinaryOp.Divide => a / b,
        BinaryOp.Pow => Math.Pow(a, b),
        BinaryOp.Atan2 => Math.Atan2(a, b),
        BinaryOp.Max => Math.Max(a, b),
        BinaryOp.Min => Math.Min(a, b),
        BinaryOp.LogBase => Math.Log(a, b),
    };

    public static bool Apply(ComparisonOp op, double a, double b) => op switch
    {
        ComparisonOp.Equal => a == b,
        ComparisonOp.NotEqual => a != b,
        ComparisonOp.LessThan => a < b,
        ComparisonOp.LessThanOrEqual => a <= b,
        ComparisonOp.GreaterThan => a > b,
        ComparisonOp.GreaterThanOrEqual => a >= b,
    };

    /// <summary>Operations whose derivative is zero almost everywhere (piecewise constant).</summary>
    public static bool IsPiecewiseConstant(UnaryOp op) =>
        op is UnaryOp.Sign or UnaryOp.Floor or UnaryOp.Ceiling or UnaryOp.Round or UnaryOp.Truncate;
}
