using System.Linq.Expressions;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>The emission of one node by category, and of scalar operations: arithmetic, comparisons, logic, powers, calls, sin/cos pairs.</summary>
internal sealed partial class ExpressionEmitter
{
    private Expression Build(Node node) => node switch
    {
        ConstantNode c => _options.Element.Constant(c.Value),
        VariableNode v => v.Parameter,
        OpaqueNode o => LinqRuntime.Inline(_hoister.Hoist(o.Expression)),
        ElementNode e => Expression.ArrayIndex(e.Array, Expression.Constant(e.Index)),
        IndexedElementNode e => Expression.ArrayIndex(e.Array, e.Index),
        SumNode sum => BuildSum(sum),
        ArgExtremumNode extremum => BuildArgExtremum(extremum),
        UnaryNode { Op: UnaryOp.Sin or UnaryOp.Cos } u when _schedule.SinCos.TryGetValue(u.Operand, out var pair) => BuildSinCos(u, pair),
        UnaryNode u => BuildUnary(u.Op, Value(u.Operand)),
        BinaryNode b => BuildBinary(b.Op, Value(b.Left), Value(b.Right)),
        PowerNode p => BuildPower(Value(p.Base), p.Exponent),
        ConditionalNode c => Expression.Condition(Value(c.Test), InBranch(c, true, c.IfTrue), InBranch(c, false, c.IfFalse)),
        ComparisonNode c => BuildComparison(c.Op, Value(c.Left), Value(c.Right)),
        LogicalNode l => BuildLogical(l),
        CallNode c => Expression.Call(c.Method, c.Children.ToArray().Select(Value)),
        GridNode grid => BuildGrid(grid),
        FoldNode fold => BuildFold(fold),
        ReverseFoldNode fold => BuildReverseFold(fold),
        FoldReadNode r => Expression.ArrayIndex(Value(r.Fold), r.Position),
        MatMulNode m => BuildMatMul(m),
        TensorAddNode add => Expression.Call(RuntimeCalls.Add, Buffers, Expression.Constant(add.Id), Value(add.Left), Value(add.Right),
            Expression.Multiply(LinqRuntime.Dimension(add.Rows), LinqRuntime.Dimension(add.Columns))),
        TensorReadNode r => Expression.ArrayIndex(Value(r.Tensor), r.Column is { } column
            ? Expression.Add(Expression.Multiply(r.Row, LinqRuntime.Dimension(r.Tensor.Columns)), column)
            : r.Row),
        _ => throw new InvalidOperationException($"The emitter has no case for {node.GetType().Name}."),
    };

    /// <summary>
    /// sin u or cos u, read from one <see cref="Math.SinCos"/> call shared by the pair; the call is placed
    /// in the innermost scope containing both, when the first of the two is emitted.
    /// </summary>
    private Expression BuildSinCos(UnaryNode node, SinCosPair pair)
    {
        if (!_sinCosTuples.TryGetValue(node.Operand, out var tuple))
        {
            _sinCosTuples[node.Operand] = tuple = Expression.Variable(_options.Element.SinCos.ReturnType, $"sincos{pair.Local}");
            _variables.Add(tuple);
            StatementsIn(Scope.Common(_schedule.Placement[pair.Sin], _schedule.Placement[pair.Cos]))
                .Add(Expression.Assign(tuple, Expression.Call(_options.Element.SinCos, Value(node.Operand))));
        }
        return Expression.Field(tuple, node.Op == UnaryOp.Sin ? "Item1" : "Item2");
    }

    private Expression BuildUnary(UnaryOp op, Expression a) => op switch
    {
        UnaryOp.Negate => Expression.Negate(a),
        _ => Expression.Call(_options.Element.Method(op), a),
    };

    private Expression BuildBinary(BinaryOp op, Expression a, Expression b) => op switch
    {
        BinaryOp.Add => Expression.Add(a, b),
        BinaryOp.Subtract => Expression.Subtract(a, b),
        BinaryOp.Multiply => Expression.Multiply(a, b),
        BinaryOp.Divide => Expression.Divide(a, b),
        BinaryOp.Min when NegativeZero(b) is { } zero => MinWithNegativeZero(a, zero),
        BinaryOp.Min when NegativeZero(a) is { } zero => MinWithNegativeZero(b, zero),
        BinaryOp.Pow or BinaryOp.Atan2 or BinaryOp.Max or BinaryOp.Min or BinaryOp.LogBase => Expression.Call(_options.Element.Method(op), a, b),
    };

    // .NET 10's JIT compiles Math.Min(x, -0.0) with a literal -0 as if it were +0 (x = +0 gives +0, where Math.Min
    // gives -0), in C# as in expression trees. Written out as Math.Min defines it: NaN stays NaN, -0 is below +0.
    private static Expression MinWithNegativeZero(Expression x, ConstantExpression zero)
    {
        var value = x as ParameterExpression ?? Expression.Variable(x.Type, "min");
        var select = Expression.Condition(Expression.OrElse(Expression.LessThan(value, Expression.Default(x.Type)), Expression.NotEqual(value, value)), value, zero);
        return value == x ? select : Expression.Block([value], Expression.Assign(value, x), select);
    }

    private static ConstantExpression? NegativeZero(Expression e) => e switch
    {
        ConstantExpression { Value: double d } c when d == 0 && double.IsNegative(d) => c,
        ConstantExpression { Value: float f } c when f == 0 && float.IsNegative(f) => c,
        _ => null,
    };

    private static Expression BuildComparison(ComparisonOp op, Expression a, Expression b) => op switch
    {
        ComparisonOp.Equal => Expression.Equal(a, b),
        ComparisonOp.NotEqual => Expression.NotEqual(a, b),
        ComparisonOp.LessThan => Expression.LessThan(a, b),
        ComparisonOp.LessThanOrEqual => Expression.LessThanOrEqual(a, b),
        ComparisonOp.GreaterThan => Expression.GreaterThan(a, b),
        ComparisonOp.GreaterThanOrEqual => Expression.GreaterThanOrEqual(a, b),
    };

    private Expression BuildLogical(LogicalNode node) => node.Op switch
    {
        LogicalOp.Not => Expression.Not(Value(node.Children[0])),
        LogicalOp.And => Expression.AndAlso(Value(node.Children[0]), Value(node.Children[1])),
        LogicalOp.Or => Expression.OrElse(Value(node.Children[0]), Value(node.Children[1])),
    };

    private Expression BuildPower(Expression @base, double exponent)
    {
        var element = _options.Element;
        if (!_options.PowersAsProducts) return Expression.Call(element.Pow, @base, element.Constant(exponent));
        if (exponent == 0.5 && _options.ReciprocalsAndRoots) return Expression.Call(element.Method(UnaryOp.Sqrt), @base);
        if (PowerProducts.Plan(_options, exponent) is not { } n) return Expression.Call(element.Pow, @base, element.Constant(exponent));
        var product = n switch
        {
            1 => @base,
            2 => Expression.Multiply(@base, @base),
            3 => Expression.Multiply(Expression.Multiply(@base, @base), @base),
            _ => Square(Expression.Multiply(@base, @base)),   // 4: (x·x)², one rounding fewer than x·x·x·x
        };
        return exponent > 0 ? product : Expression.Divide(element.Constant(1.0), product);
    }

    // x² squared needs the square twice: a one-variable inner block keeps it single-evaluation.
    private static Expression Square(Expression value)
    {
        var square = Expression.Variable(value.Type, "sq");
        return Expression.Block([square], Expression.Assign(square, value), Expression.Multiply(square, square));
    }
}
