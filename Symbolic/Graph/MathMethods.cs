using System.Reflection;

namespace Symbolic.Graph;

/// <summary>The <see cref="Math"/> methods behind each operation, resolved once; lowering reads the same map backwards.</summary>
internal static class MathMethods
{
    private static MethodInfo Math1(string name) => typeof(Math).GetMethod(name, [typeof(double)])!;
    private static MethodInfo Math2(string name) => typeof(Math).GetMethod(name, [typeof(double), typeof(double)])!;

    private static MethodInfo MathF1(string name) => typeof(MathF).GetMethod(name, [typeof(float)])!;
    private static MethodInfo MathF2(string name) => typeof(MathF).GetMethod(name, [typeof(float), typeof(float)])!;

    public static readonly MethodInfo Sign = typeof(SymbolicMath).GetMethod(nameof(SymbolicMath.Sign), [typeof(double)])!;
    public static readonly MethodInfo SignSingle = typeof(SymbolicMath).GetMethod(nameof(SymbolicMath.Sign), [typeof(float)])!;
    public static readonly MethodInfo MathFSign = MathF1(nameof(MathF.Sign));
    public static readonly MethodInfo SinCosSingle = MathF1(nameof(MathF.SinCos));

    /// <summary>Math.SinCos or MathF.SinCos: the emitter's pair, read back as sin u and cos u.</summary>
    public static bool IsSinCos(MethodInfo method) => method == SinCos || method == SinCosSingle;
    public static readonly MethodInfo MathSign = Math1(nameof(Math.Sign));
    public static readonly MethodInfo Pow = Math2(nameof(Math.Pow));
    public static readonly MethodInfo Sqrt = Math1(nameof(Math.Sqrt));
    public static readonly MethodInfo SinCos = Math1(nameof(Math.SinCos));

    /// <summary>Every unary operation but negation, by its method.</summary>
    public static readonly IReadOnlyDictionary<UnaryOp, MethodInfo> Unary = new Dictionary<UnaryOp, MethodInfo>
    {
        [UnaryOp.Sin] = Math1(nameof(Math.Sin)), [UnaryOp.Cos] = Math1(nameof(Math.Cos)), [UnaryOp.Tan] = Math1(nameof(Math.Tan)),
        [UnaryOp.Asin] = Math1(nameof(Math.Asin)), [UnaryOp.Acos] = Math1(nameof(Math.Acos)), [UnaryOp.Atan] = Math1(nameof(Math.Atan)),
        [UnaryOp.Sinh] = Math1(nameof(Math.Sinh)), [UnaryOp.Cosh] = Math1(nameof(Math.Cosh)), [UnaryOp.Tanh] = Math1(nameof(Math.Tanh)),
        [UnaryOp.Asinh] = Math1(nameof(Math.Asinh)), [UnaryOp.Acosh] = Math1(nameof(Math.Acosh)), [UnaryOp.Atanh] = Math1(nameof(Math.Atanh)),
        [UnaryOp.Exp] = Math1(nameof(Math.Exp)), [UnaryOp.Log] = Math1(nameof(Math.Log)), [UnaryOp.Log10] = Math1(nameof(Math.Log10)),
        [UnaryOp.Log2] = Math1(nameof(Math.Log2)), [UnaryOp.Sqrt] = Sqrt, [UnaryOp.Cbrt] = Math1(nameof(Math.Cbrt)),
        [UnaryOp.Abs] = Math1(nameof(Math.Abs)), [UnaryOp.Sign] = Sign, [UnaryOp.Floor] = Math1(nameof(Math.Floor)),
        [UnaryOp.Ceiling] = Math1(nameof(Math.Ceiling)), [UnaryOp.Round] = Math1(nameof(Math.Round)), [UnaryOp.Truncate] = Math1(nameof(Math.Truncate)),
    };

    /// <summary>The binary operations that are method calls (arithmetic is operators), by their method.</summary>
    public static readonly IReadOnlyDictionary<BinaryOp, MethodInfo> Binary = new Dictionary<BinaryOp, MethodInfo>
    {
        [BinaryOp.Pow] = Pow, [BinaryOp.Atan2] = Math2(nameof(Math.Atan2)),
        [BinaryOp.Max] = Math2(nameof(Math.Max)), [BinaryOp.Min] = Math2(nameof(Math.Min)), [BinaryOp.LogBase] = Math2(nameof(Math.Log)),
    };

    /// <summary>The <see cref="MathF"/> methods of the unary operations, for float models.</summary>
    public static readonly IReadOnlyDictionary<UnaryOp, MethodInfo> UnarySingle = Unary.ToDictionary(p => p.Key,
        p => p.Key == UnaryOp.Sign ? SignSingle : MathF1(p.Value.Name));

    /// <summary>The <see cref="MathF"/> methods of the binary operations that are calls, for float models.</summary>
    public static readonly IReadOnlyDictionary<BinaryOp, MethodInfo> BinarySingle = Binary.ToDictionary(p => p.Key, p => MathF2(p.Value.Name));

    // Lowering reads both precisions' methods; which ones a model may call is the element type's check.
    public static readonly IReadOnlyDictionary<MethodInfo, UnaryOp> UnaryByMethod =
        Unary.Concat(UnarySingle).ToDictionary(p => p.Value, p => p.Key);
    public static readonly IReadOnlyDictionary<MethodInfo, BinaryOp> BinaryByMethod =
        Binary.Concat(BinarySingle).ToDictionary(p => p.Value, p => p.Key);
}
