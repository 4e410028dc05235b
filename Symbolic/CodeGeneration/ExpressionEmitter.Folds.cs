using System.Linq.Expressions;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>The emission of loops that carry a state: a fold's forward loop and its reverse sweep, each into its buffer of states.</summary>
internal sealed partial class ExpressionEmitter
{
    /// <summary>
    /// <c>states = pool.Slot(id, (T + 1)·W); states[c] = seed(c); for t: for s: states[(t+1)·W + s] = step(t, s)</c>:
    /// one loop whatever T, the buffer rented from the pool (reused across calls).
    /// </summary>
    private Expression BuildFold(FoldNode fold)
    {
        var scope = _schedule.Placement[fold];
        var width = LinqRuntime.Dimension(fold.Width);
        var seed = EmitNested(_schedule.Seeds[fold], scope, values => Write(fold.States, fold.SeedComponent, values[0]));
        return Expression.Block([fold.States],
            Expression.Assign(fold.States, Rent(fold, width)),
            Loops.For(fold.SeedComponent, width, seed),
            StepLoop(fold, scope, width),
            fold.States);
    }

    /// <summary>
    /// <c>adjoints = pool.Slot(id, (T + 1)·W), zeroed; row T += the final state's adjoints; for t = T − 1 … 0: row t += the
    /// step's adjoint at t</c> (reading row t + 1 and the fold's stored states).
    /// </summary>
    private Expression BuildReverseFold(ReverseFoldNode fold)
    {
        var scope = _schedule.Placement[fold];
        var width = LinqRuntime.Dimension(fold.Width);
        var length = Expression.Variable(typeof(int), "length");
        var start = EmitNested(_schedule.Seeds[fold], scope, _ => ProcedureShape.Value(Expression.Empty()));
        var step = EmitNested(_schedule.Bodies[fold], scope, _ => ProcedureShape.Value(Expression.Empty()));
        var exit = Expression.Label(fold.Index.Name + "Done");
        return Expression.Block([fold.States, length, fold.Index],
            Expression.Assign(length, Length(fold, width)),
            Expression.Assign(fold.States, Expression.Call(DenseRuntime.RentMethod, Buffers, Expression.Constant(fold.Id), length)),
            start,
            Expression.Assign(fold.Index, Expression.Subtract(LinqRuntime.Inline(fold.Count), Expression.Constant(1))),
            Expression.Loop(Expression.IfThenElse(Expression.GreaterThanOrEqual(fold.Index, Expression.Constant(0)),
                Expression.Block(step, Expression.SubtractAssign(fold.Index, Expression.Constant(1))), Expression.Break(exit)), exit),
            fold.States);
    }

    private MethodCallExpression Rent(StateLoopNode fold, Expression width) =>
        Expression.Call(DenseRuntime.RentMethod, Buffers, Expression.Constant(fold.Id), Length(fold, width));

    private static Expression Length(StateLoopNode fold, Expression width) =>
        Expression.Multiply(Expression.Add(LinqRuntime.Inline(fold.Count), Expression.Constant(1)), width);

    private static ProcedureShape Write(ParameterExpression states, Expression position, Expression value) =>
        new([], [], [Expression.Assign(Expression.ArrayAccess(states, position), value)], Expression.Empty());
}
