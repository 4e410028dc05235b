using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A batched fold's W·h as one matrix product per step (<c>frontend.batch-folds</c> stacks B states of H components;
/// component s is unit s mod H of sequence s / H). Its component loop computes, per component,
/// <c>Dot(w, H·(s mod H) + o, states, r + (s / H)·H, H)</c> — row s mod H of W against row s / H of the B × H state block —
/// so the B·H dots together are the product of the state block (B × H) with Wᵀ. That product is written once per step
/// into the next state's row (<c>DenseRuntime.MultiplyInto</c>, the dense kernel), before the loop, and the
/// loop reads its entry s there instead of calling the dot: the loop then writes state s over what it read.
/// </summary>
/// <remarks>
/// Applies when the width is a multiple of H (at least two rows), the dot's other arguments read no variable the loop
/// body sets, and the product is not written over a row it reads (the next row: a fold's step reads the previous one).
/// </remarks>
internal static class BatchedStepProduct
{
    /// <summary>The product before the loop and the loop's body reading it, or null when the body has no such dot.</summary>
    /// <param name="component">The component index s.</param>
    /// <param name="width">The loop's count, B·H.</param>
    /// <param name="body">The component loop's body.</param>
    /// <param name="states">The fold's buffer of states.</param>
    /// <param name="next">The position of component s of the next state (reads s).</param>
    /// <param name="start">The position of the next state's component 0.</param>
    public static (Expression Product, Expression Body)? TryLift(ParameterExpression component, Expression width, Expression body, ParameterExpression states, Expression next, Expression start)
    {
        var set = SetIn(body);
        foreach (var call in Calls(body))
        {
            if (call.Arguments is not [var a, var aOffset, var b, var bOffset, ConstantExpression { Value: int h }] || BatchSize.Of(width, h) is not { } rows) continue;
            if (call.Arguments.Take(4).Any(argument => ExpressionChildren.Mentions(argument, set.Contains))) continue;
            var (aRow, bRow) = (Row(aOffset, component, h), Row(bOffset, component, h));
            (Expression Array, Expression Offset)? unit = null, sequence = null;
            if (aRow is (Kind.Unit, var ua) && bRow is (Kind.Sequence, var sb)) (unit, sequence) = ((a, ua), (b, sb));
            else if (aRow is (Kind.Sequence, var sa) && bRow is (Kind.Unit, var ub)) (unit, sequence) = ((b, ub), (a, sa));
            if (unit is not var (w, wOffset) || sequence is not var (h0, hOffset)) continue;
            // C[b, j] = Σ_k H[hOffset + b·H + k]·W[wOffset + j·H + k], written at start + b·H + j, which is component s = b·H + j.
            var product = Expression.Call(RuntimeEntryPoints.ForArray(typeof(double[])).MultiplyInto,
                states, start, Expression.Constant(h), Expression.Constant(1), rows, Expression.Constant(h), Expression.Constant(h),
                h0, hOffset, Expression.Constant(h), Expression.Constant(1), w, wOffset, Expression.Constant(1), Expression.Constant(h));
            return (product, new Replace(call, Expression.ArrayIndex(states, next)).Visit(body)!);
        }
        return null;
    }

    internal enum Kind
    {
        Unit,
        Sequence,
    }

    /// <summary>An offset H·(s mod H) + rest (a row of W) or (s / H)·H + rest (a sequence's row of the state block): the kind and the rest.</summary>
    internal static (Kind Kind, Expression Remainder)? Row(Expression offset, ParameterExpression s, int h)
    {
        Expression rest = Expression.Constant(0);
        var term = offset;
        while (term is BinaryExpression { NodeType: ExpressionType.Add, Method: null } sum)
        {
            var (left, right) = (ExpressionChildren.Mentions(sum.Left, s), ExpressionChildren.Mentions(sum.Right, s));
            if (left == right) return null;
            (term, var other) = left ? (sum.Left, sum.Right) : (sum.Right, sum.Left);
            rest = rest is ConstantExpression { Value: 0 } ? other : Expression.Add(rest, other);
        }
        if (term is not BinaryExpression { NodeType: ExpressionType.Multiply, Method: null } product) return null;
        var (factor, scale) = product switch
        {
            { Right: ConstantExpression { Value: int c } } => (product.Left, c),
            { Left: ConstantExpression { Value: int c } } => (product.Right, c),
            _ => (null, 0),
        };
        if (scale != h || factor is not BinaryExpression { Left: var index, Right: ConstantExpression { Value: int d } } by || index != s || d != h) return null;
        return by.NodeType switch
        {
            ExpressionType.Modulo => (Kind.Unit, rest),
            ExpressionType.Divide => (Kind.Sequence, rest),
            _ => null,
        };
    }

    /// <summary>The body's calls of <see cref="RowMaps.Dot(double[], int, double[], int, int)"/>, outside nested loops and lambdas.</summary>
    private static List<MethodCallExpression> Calls(Expression body)
    {
        var calls = new List<MethodCallExpression>();
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is MethodCallExpression call && call.Method == RowMaps.DotMethod) calls.Add(call);
            if (e is LoopExpression or LambdaExpression) continue;
            foreach (var child in Diagnostics.ExpressionChildren.Of(e)) pending.Push(child);
        }
        return calls;
    }

    /// <summary>The variables the body declares or assigns.</summary>
    internal static HashSet<ParameterExpression> SetIn(Expression body)
    {
        var set = new HashSet<ParameterExpression>();
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is BlockExpression block) set.UnionWith(block.Variables);
            if (e is BinaryExpression { Left: ParameterExpression assigned } assignment && IsAssignment(assignment.NodeType)) set.Add(assigned);
            if (e is UnaryExpression { Operand: ParameterExpression stepped, NodeType: ExpressionType.PreIncrementAssign or ExpressionType.PostIncrementAssign or ExpressionType.PreDecrementAssign or ExpressionType.PostDecrementAssign })
                set.Add(stepped);
            foreach (var child in Diagnostics.ExpressionChildren.Of(e)) pending.Push(child);
        }
        return set;
    }

    private static bool IsAssignment(ExpressionType type) =>
        type is ExpressionType.Assign or ExpressionType.AddAssign or ExpressionType.SubtractAssign or ExpressionType.MultiplyAssign or ExpressionType.DivideAssign;

    private sealed class Replace(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
