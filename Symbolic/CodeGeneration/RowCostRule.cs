using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Whether a row of a <see cref="RowProgram"/> pays for its calls: a row run as vectorised calls costs a
/// fixed overhead per call (argument checks, a span per operand, the dispatch on the operation) and saves a
/// little per element; a short row of cheap arithmetic is faster as the scalar loop the JIT compiles.
/// </summary>
/// <remarks>
/// <para>Measured here (AMD EPYC, AVX-512, .NET 10; Stopwatch probe, best of 40 passes over 4,096 jagged rows,
/// after a warm-up pass, machine shared): Σⱼ w[j]·x[j] as a scalar loop against the row program (scratch,
/// multiply, sum: 3 calls) took 2.7 against 14.2 ns at n = 10, 14.6 against 15.0 ns at n = 48, 41 against
/// 31 ns at n = 128; Σⱼ exp(w[j]·x[j]) (4 calls) 36.6 against 36.7 ns at n = 10 and 763 against 165 ns at
/// n = 256; the same with tanh 84 against 52 ns at n = 10. Hence about <see cref="CallNanoseconds"/> per
/// call, <see cref="ArithmeticSavingNanoseconds"/> saved per element and arithmetic operation, and
/// <see cref="TranscendentalSavingNanoseconds"/> per element and exp-like operation (exp: 3.0 scalar against
/// 0.65 vectorised; tanh saves 6.6): a dot product with a data row pays from about 60 elements, a row with an
/// exponential from about 10. The whole jagged logistic regression's gradient (d = 10) ran at 2.5x the
/// scalar loops' time with the row program, and at 0.66x with d = 512. A selection (ReLU) also saves the
/// loop's branch and counts as two arithmetic operations: the compiled gradient of a ReLU layer (512 examples,
/// 6 inputs) took 39 µs with loops against 61 µs with row programs at 13 hidden units, 60 against 81 µs at 32,
/// and 228 against 162 µs at 96 (the rule picks the faster each time).</para>
/// <para>A length known only at run time is taken to be long only when the row computes an exp-like
/// function: there the loop loses most (up to 7x at 128 elements), while short arithmetic rows lose up to
/// 5x to the calls.</para>
/// </remarks>
internal static class RowCostRule
{
    /// <summary>The fixed cost of one call on a row, in nanoseconds.</summary>
    public const double CallNanoseconds = 5.0;

    /// <summary>What one arithmetic operation (+ − × ÷, negation, a sum; a selection counts twice) saves per element when vectorised.</summary>
    public const double ArithmeticSavingNanoseconds = 0.12;

    /// <summary>What one exp-like operation (exp, log, the trigonometric and hyperbolic functions) saves per element when vectorised.</summary>
    public const double TranscendentalSavingNanoseconds = 2.3;

    /// <summary>Whether the operation is one whose scalar form is a slow library call and whose vectorised form is not.</summary>
    public static bool IsTranscendental(UnaryOp op) => op is UnaryOp.Exp or UnaryOp.Log or UnaryOp.Tanh or UnaryOp.Sin or UnaryOp.Cos
        or UnaryOp.Sinh or UnaryOp.Cosh or UnaryOp.Atan;

    /// <summary>Whether a row of <paramref name="width"/> elements is faster as <paramref name="calls"/> vectorised calls than as a scalar loop.</summary>
    /// <param name="width">The row's length: a constant when the model fixes it, else read at run time.</param>
    /// <param name="calls">The calls made per row.</param>
    /// <param name="arithmetic">The arithmetic operations per element.</param>
    /// <param name="transcendental">The exp-like operations per element.</param>
    public static bool Vectorizes(Expression width, int calls, int arithmetic, int transcendental)
    {
        if (width is not ConstantExpression { Value: int length }) return transcendental > 0;
        return length * (arithmetic * ArithmeticSavingNanoseconds + transcendental * TranscendentalSavingNanoseconds) >= calls * CallNanoseconds;
    }
}
