namespace Symbolic.Graph;

/// <summary>
/// The numeric meaning of every operation in float: the same <see cref="MathF"/> calls the emitted float code
/// makes, so constant folding in a float model is bit-identical to evaluating its code.
/// </summary>
internal static class SingleSemantics
{
    public static float Apply(UnaryOp op, float a) => op switch
    {
        UnaryOp.Negate => -a,
        UnaryOp.Sin => MathF.Sin(a),
        UnaryOp.Cos => MathF.Cos(a),
        UnaryOp.Tan => MathF.Tan(a),
        UnaryOp.Asin => MathF.Asin(a),
        UnaryOp.Acos => MathF.Acos(a),
        UnaryOp.Atan => MathF.Atan(a),
        UnaryOp.Sinh => MathF.Sinh(a),
        UnaryOp.Cosh => MathF.Cosh(a),
        UnaryOp.Tanh => MathF.Tanh(a),
        UnaryOp.Asinh => MathF.Asinh(a),
        UnaryOp.Acosh => MathF.Acosh(a),
        UnaryOp.Atanh => MathF.Atanh(a),
        UnaryOp.Exp => MathF.Exp(a),
        UnaryOp.Log => MathF.Log(a),
        UnaryOp.Log10 => MathF.Log10(a),
        UnaryOp.Log2 => MathF.Log2(a),
        UnaryOp.Sqrt => MathF.Sqrt(a),
        UnaryOp.Cbrt => MathF.Cbrt(a),
        UnaryOp.Abs => MathF.Abs(a),
        UnaryOp.Sign => SymbolicMath.Sign(a),
        UnaryOp.Floor => MathF.Floor(a),
        UnaryOp.Ceiling => MathF.Ceiling(a),
        UnaryOp.Round => MathF.Round(a),
        UnaryOp.Truncate => MathF.Truncate(a),
    };

    public static float Apply(BinaryOp op, float a, float b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Subtract => a - b,
        BinaryOp.Multiply => a * b,
        BinaryOp.Divide => a / b,
        BinaryOp.Pow => MathF.Pow(a, b),
        BinaryOp.Atan2 => MathF.Atan2(a, b),
        BinaryOp.Max => MathF.Max(a, b),
        BinaryOp.Min => MathF.Min(a, b),
        BinaryOp.LogBase => MathF.Log(a, b),
    };
}
