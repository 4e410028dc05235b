using System.Linq.Expressions;
using System.Reflection;

namespace Symbolic.Graph;

/// <summary>
/// The arithmetic of a model: <see cref="double"/> or <see cref="float"/>. It belongs to the graph — every
/// value of a float model is a float — so every pass asks it rather than assume double: constants are
/// rounded to it when made (stored as the double of that float, so the IR keeps one constant type), folding
/// evaluates in it (the same <see cref="MathF"/> calls the float code makes), and the emitter writes its
/// literals, methods and locals.
/// </summary>
internal sealed class ElementType
{
    private readonly bool _single;

    private ElementType(Type type) => (Type, ArrayType, _single) = (type, type.MakeArrayType(), type == typeof(float));

    /// <summary>IEEE binary64: every model before float support, and the default.</summary>
    public static ElementType Double { get; } = new(typeof(double));

    /// <summary>IEEE binary32: models over <c>float[]</c> written with <c>float</c> arithmetic and <see cref="MathF"/>.</summary>
    public static ElementType Single { get; } = new(typeof(float));

    /// <summary>The element type whose values have CLR type <paramref name="type"/>, or null.</summary>
    public static ElementType? Of(Type type) => type == typeof(double) ? Double : type == typeof(float) ? Single : null;

    /// <summary>The CLR type of a value.</summary>
    public Type Type { get; }

    /// <summary>The CLR type of a vector of values (<c>double[]</c> or <c>float[]</c>).</summary>
    public Type ArrayType { get; }

    public bool IsSingle => _single;

    /// <summary>A value rounded to this type (the identity for double): what a constant of the model holds.</summary>
    public double Round(double value) => _single ? (float)value : value;

    /// <summary>A literal of this type.</summary>
    public ConstantExpression Constant(double value) => _single ? Expression.Constant((float)value) : Expression.Constant(value);

    /// <summary>The method computing a unary operation in this type.</summary>
    public MethodInfo Method(UnaryOp op) => _single ? MathMethods.UnarySingle[op] : MathMethods.Unary[op];

    /// <summary>The method computing a binary operation that is a call (Pow, Atan2, Max, Min, LogBase).</summary>
    public MethodInfo Method(BinaryOp op) => _single ? MathMethods.BinarySingle[op] : MathMethods.Binary[op];

    /// <summary>Math.Pow or MathF.Pow.</summary>
    public MethodInfo Pow => Method(BinaryOp.Pow);

    /// <summary>Math.SinCos or MathF.SinCos.</summary>
    public MethodInfo SinCos => _single ? MathMethods.SinCosSingle : MathMethods.SinCos;

    /// <summary>Folds a unary operation as the emitted code computes it.</summary>
    public double Apply(UnaryOp op, double a) => _single ? SingleSemantics.Apply(op, (float)a) : OperationSemantics.Apply(op, a);

    /// <summary>Folds a binary operation as the emitted code computes it.</summary>
    public double Apply(BinaryOp op, double a, double b) => _single ? SingleSemantics.Apply(op, (float)a, (float)b) : OperationSemantics.Apply(op, a, b);

    /// <summary>Folds a power with a constant exponent.</summary>
    public double Power(double a, double exponent) => _single ? MathF.Pow((float)a, (float)exponent) : Math.Pow(a, exponent);

    /// <summary>C#'s keyword for the type.</summary>
    public override string ToString() => _single ? "float" : "double";
}
