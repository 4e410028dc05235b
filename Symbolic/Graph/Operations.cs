namespace Symbolic.Graph;

/// <summary>Functions of one double argument.</summary>
internal enum UnaryOp
{
    Negate,
    Sin, Cos, Tan, Asin, Acos, Atan,
    Sinh, Cosh, Tanh, Asinh, Acosh, Atanh,
    Exp, Log, Log10, Log2, Sqrt, Cbrt,
    Abs, Sign, Floor, Ceiling, Round, Truncate,
}

/// <summary>Functions of two double arguments. A power with a constant exponent is a <see cref="PowerNode"/>.</summary>
internal enum BinaryOp
{
    Add, Subtract, Multiply, Divide,
    Pow, Atan2, Max, Min,
    /// <summary><c>Math.Log(a, newBase)</c>, kept whole because its special cases differ from log(a)/log(b).</summary>
    LogBase,
}

/// <summary>Comparisons of two doubles, with C#'s IEEE semantics (every comparison with NaN is false but !=).</summary>
internal enum ComparisonOp { Equal, NotEqual, LessThan, LessThanOrEqual, GreaterThan, GreaterThanOrEqual }

/// <summary>Boolean connectives (short-circuit evaluation has no effect on values here: operands are pure).</summary>
internal enum LogicalOp { And, Or, Not }
