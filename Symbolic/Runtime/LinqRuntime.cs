using System.Linq.Expressions;

namespace Symbolic.Runtime;

/// <summary>
/// Checks LINQ makes at run time, so that loops fail as LINQ would. Lowering marks them as calls
/// (readable, printable, structurally comparable); code generation writes them out inline with
/// <see cref="Inline"/>.
/// </summary>
/// <remarks>
/// A real call before a loop makes the JIT keep the accumulators live across it (value sums, an outer
/// sum's partial) in stack slots for the whole loop — every xmm register is caller-saved on x64 System V —
/// and the JIT does not inline these methods into the compiled delegate: measured 3.0x the hand-written
/// Rosenbrock gradient with the call, 1.4x with the check inline.
/// </remarks>
internal static class LinqRuntime
{
    /// <summary>The count of <c>Enumerable.Range(start, count)</c>; negative counts throw as LINQ does.</summary>
    public static int RangeCount(int count) => count >= 0 ? count : throw NegativeCount(count);

    /// <summary>
    /// A loop count as a plain number where it is a constant that cannot throw (<c>RangeCount(128)</c> is 128):
    /// matrix dimensions are read in every index computation.
    /// </summary>
    public static Expression Dimension(Expression count) =>
        count is MethodCallExpression { Method.Name: nameof(RangeCount), Arguments: [ConstantExpression { Value: int n }] } call
            && call.Method.DeclaringType == typeof(LinqRuntime) && n >= 0 ? Expression.Constant(n) : count;

    /// <summary>A count without its <see cref="RangeCount"/> check: <c>RangeCount(n)</c> is n wherever it does not throw.</summary>
    public static Expression Unchecked(Expression count) =>
        count is MethodCallExpression { Method.Name: nameof(RangeCount), Arguments: [var n] } call && call.Method.DeclaringType == typeof(LinqRuntime) ? n : count;

    /// <summary>
    /// A component of a fold's state read at an index not proved in range (<c>h[j + 1]</c>): the states are stored row after
    /// row in one buffer, so an index outside 0 … width − 1 would read a neighbouring state where LINQ throws.
    /// </summary>
    public static int StateComponent(int index, int width, string read) => (uint)index < (uint)width ? index : throw OutsideState(index, width, read);

    /// <summary>What <see cref="StateComponent"/> throws: marked so that the gradient's catch-all explanation lets it through.</summary>
    internal static IndexOutOfRangeException OutsideState(int index, int width, string read)
    {
        var error = new IndexOutOfRangeException(
            $"{read} reads index {index}, outside the state's {width} components (0 … {width - 1}) of a fold: index was outside the bounds of the array, as LINQ's Aggregate throws.");
        error.Data[ExplainedKey] = true;
        return error;
    }

    /// <summary>The <see cref="Exception.Data"/> key of an exception whose message already says where it comes from.</summary>
    internal const string ExplainedKey = "Symbolic.Explained";

    /// <summary>The divisor of <c>Average</c>; an empty sequence throws as LINQ does.</summary>
    public static double AverageCount(int count) => count > 0 ? count : throw Empty();

    /// <summary>What <see cref="RangeCount"/> throws.</summary>
    internal static ArgumentOutOfRangeException NegativeCount(int count) => new(nameof(count), count, "Enumerable.Range needs a count ≥ 0.");

    /// <summary>What <see cref="AverageCount"/> throws.</summary>
    internal static InvalidOperationException Empty() => new("Sequence contains no elements");

    /// <summary>
    /// The check written out when <paramref name="expression"/> is a call to <see cref="RangeCount"/> or
    /// <see cref="AverageCount"/> (<c>{ c = count; if (c &lt; 0) throw …; c }</c>); anything else unchanged.
    /// </summary>
    public static Expression Inline(Expression expression)
    {
        if (expression is not MethodCallExpression { Method.DeclaringType: var type, Method.Name: var name, Arguments: [var argument] } || type != typeof(LinqRuntime))
            return expression;
        var count = Expression.Variable(typeof(int), "count");
        var (fails, exception, result) = name switch
        {
            nameof(RangeCount) => (Expression.LessThan(count, Expression.Constant(0)), Thrown(nameof(NegativeCount), count), (Expression)count),
            nameof(AverageCount) => (Expression.LessThanOrEqual(count, Expression.Constant(0)), Thrown(nameof(Empty)), Expression.Convert(count, typeof(double))),
            _ => throw new InvalidOperationException($"LinqRuntime.{name} has no inline form."),
        };
        return Expression.Block(result.Type, [count],
            Expression.Assign(count, argument),
            Expression.IfThen(fails, Expression.Throw(exception)),
            result);

        static Expression Thrown(string factory, params Expression[] arguments) =>
            Expression.Call(typeof(LinqRuntime).GetMethod(factory, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!, arguments);
    }

    /// <summary>The call <see cref="Inline"/> wrote out, read back (emitted code is read again to print or differentiate it); anything else unchanged.</summary>
    public static Expression Original(Expression expression)
    {
        if (expression is not BlockExpression { Variables: [var count], Expressions: [BinaryExpression { NodeType: ExpressionType.Assign } assign, ConditionalExpression { IfTrue: UnaryExpression { NodeType: ExpressionType.Throw, Operand: MethodCallExpression thrown } }, _] }
            || assign.Left != count || thrown.Method.DeclaringType != typeof(LinqRuntime))
            return expression;
        return thrown.Method.Name switch
        {
            nameof(NegativeCount) => Expression.Call(typeof(LinqRuntime).GetMethod(nameof(RangeCount))!, assign.Right),
            nameof(Empty) => Expression.Call(typeof(LinqRuntime).GetMethod(nameof(AverageCount))!, assign.Right),
            _ => expression,
        };
    }
}
