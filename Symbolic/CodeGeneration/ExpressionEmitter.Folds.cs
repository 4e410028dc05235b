using System.Linq.Expressions;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The emission of loops that carry a state: a fold's forward loop and its reverse sweep, each into its buffer of states,
/// laid out as the plan-folds pass decided (<see cref="FoldStoragePlan"/>): every row, every k-th state, two rows of adjoints.
/// </summary>
internal sealed partial class ExpressionEmitter
{
    private static readonly System.Reflection.MethodInfo CopyRows =
        typeof(Array).GetMethod(nameof(Array.Copy), [typeof(Array), typeof(int), typeof(Array), typeof(int), typeof(int)])!;
    private static readonly System.Reflection.MethodInfo ClearRows = typeof(Array).GetMethod(nameof(Array.Clear), [typeof(Array), typeof(int), typeof(int)])!;

    /// <summary>
    /// <c>states = pool.Slot(id, (T + 1)·W); states[c] = seed(c); for t: for s: states[(t+1)·W + s] = step(t, s)</c>:
    /// one loop whatever T, the buffer rented from the pool (reused across calls). A checkpointed fold writes state
    /// t + 1 to its segment's rows and copies each segment's last state to its checkpoint.
    /// </summary>
    private Expression BuildFold(FoldNode fold)
    {
        if (_options.Folds.Folds.TryGetValue(fold, out var checkpointed)) return BuildCheckpointedFold(fold, checkpointed);
        var scope = _schedule.Placement[fold];
        var width = LinqRuntime.Dimension(fold.Width);
        var seed = EmitNested(_schedule.Seeds[fold], scope, values => Write(fold.States, fold.SeedComponent, values[0]));
        // The copies the steps read that the loop does not change go past the states, made once (FoldInvariants).
        var copies = Expression.Variable(typeof(int), "copies");
        var (enclosing, invariants) = (_invariants, new FoldInvariants(fold.States, copies));
        _invariants = invariants;
        var (before, steps, extra) = invariants.Resolve(StepLoop(fold, scope, width));
        _invariants = enclosing;
        if (extra == 0)
            return RunTimeWidth.Bound(fold.Width, Expression.Block([fold.States], Expression.Assign(fold.States, Rent(fold, width)), Loops.For(fold.SeedComponent, width, seed), steps, fold.States));
        return RunTimeWidth.Bound(fold.Width, Expression.Block([fold.States, copies], [
            Expression.Assign(copies, Length(fold, width)),
            Expression.Assign(fold.States, Expression.Call(DenseRuntime.RentMethod, Buffers, Expression.Constant(fold.Id), Expression.Add(copies, Expression.Constant(extra)))),
            Loops.For(fold.SeedComponent, width, seed),
            .. before,
            steps,
            fold.States]));
    }

    private Expression BuildCheckpointedFold(FoldNode fold, CheckpointedFold checkpointed)
    {
        var (layout, shift, _) = checkpointed;
        var scope = _schedule.Placement[fold];
        var width = LinqRuntime.Dimension(fold.Width);
        var (interval, checkpoints, next) = (Expression.Variable(typeof(int), "interval"), Expression.Variable(typeof(int), "checkpoints"), Expression.Variable(typeof(int), "next"));
        // The seed is the first state of the first segment (row C), and checkpoint 0.
        var seed = EmitNested(_schedule.Seeds[fold], scope, values => Write(fold.States, Expression.Add(Expression.Multiply(checkpoints, width), fold.SeedComponent), values[0]));
        var step = StepReadingInPlace(fold, _schedule.Bodies[fold], fold, scope, width, Expression.Add(next, fold.Component));
        var stepped = Expression.Add(fold.Index, Expression.Constant(1));
        return RunTimeWidth.Bound(fold.Width, Expression.Block([fold.States, interval, checkpoints, shift, next],
            Expression.Assign(interval, layout.Interval),
            Expression.Assign(checkpoints, layout.Checkpoints(interval)),
            Expression.Assign(fold.States, Expression.Call(DenseRuntime.RentMethod, Buffers, Expression.Constant(fold.Id), layout.Length(checkpoints, interval))),
            Loops.For(fold.SeedComponent, width, seed),
            Copy(fold.States, checkpoints, Expression.Constant(0), width),
            Loops.For(fold.Index, fold.Count, Expression.Block(
                SegmentRows(fold.Index, layout, checkpoints, interval, shift, next),
                step,
                // A segment's last state (row C + k) is the next segment's first (row C) and a checkpoint.
                Expression.IfThen(Expression.Equal(Expression.Modulo(stepped, interval), Expression.Constant(0)), Expression.Block(
                    Copy(fold.States, Expression.Add(checkpoints, interval), checkpoints, width),
                    Copy(fold.States, Expression.Add(checkpoints, interval), Expression.Divide(stepped, interval), width))))),
            Copy(fold.States, Expression.Add(checkpoints, Expression.Modulo(LinqRuntime.Inline(fold.Count), interval)), FoldCheckpointLayout.FinalRow(checkpoints, interval), width),
            fold.States));
    }

    /// <summary>At step t of a checkpointed fold: the shift of row t's positions to its row in the segment, and where row t + 1 starts.</summary>
    private static BlockExpression SegmentRows(ParameterExpression t, FoldCheckpointLayout layout, Expression checkpoints, Expression interval, ParameterExpression shift, ParameterExpression next) =>
        Expression.Block(
            Expression.Assign(shift, layout.Shift(t, checkpoints, interval)),
            Expression.Assign(next, Expression.Multiply(Expression.Add(Expression.Add(checkpoints, Expression.Modulo(t, interval)), Expression.Constant(1)), layout.Width)));

    /// <summary>
    /// <c>adjoints = pool.Slot(id, rows·W + accumulators), zeroed; row T += the final state's adjoints; for t = T − 1 … 0: row t += the
    /// step's adjoint at t</c> (reading row t + 1 and the fold's stored states), the accumulators += their terms. With two rows, row t
    /// (at (t mod 2)·W) is cleared first; with a checkpointed fold, entering a segment recomputes its states from its checkpoint.
    /// </summary>
    private Expression BuildReverseFold(ReverseFoldNode fold)
    {
        var scope = _schedule.Placement[fold];
        var width = LinqRuntime.Dimension(fold.Width);
        var twoRows = _options.Folds.Sweeps.GetValueOrDefault(fold);
        var length = Expression.Variable(typeof(int), "length");
        var rows = twoRows is null ? Length(fold, width) : Expression.Multiply(Expression.Constant(2), width);
        var start = EmitNested(_schedule.Seeds[fold], scope, _ => ProcedureShape.Value(Expression.Empty()));
        var (enclosing, delta) = (_sweep, Expression.Variable(typeof(int), "delta"));
        _sweep = new BatchedSweepProducts(fold.States, delta);
        var step = EmitNested(_schedule.Bodies[fold], scope, _ => ProcedureShape.Value(Expression.Empty()));
        var (products, gathered) = (_sweep.Used, _sweep.Gathered);
        _sweep = enclosing;
        var exit = Expression.Label(fold.Index.Name + "Done");
        List<ParameterExpression> locals = [fold.States, length, fold.Index, .. products ? [delta] : Array.Empty<ParameterExpression>()];
        List<Expression> before = [], each = [];
        if (twoRows?.Recomputes is { } forward) Recompute(fold, forward, scope, locals, before, each);
        if (twoRows is not null)
            each.Add(Expression.Call(ClearRows, fold.States, Expression.Multiply(Expression.Modulo(fold.Index, Expression.Constant(2)), width), width));
        return RunTimeWidth.Bound(fold.Width, Expression.Block(locals, [
            Expression.Assign(length, Expression.Add(rows, fold.AccumulatorSlots)),
            // A batch's row of δ past the accumulators, then its gathered input rows (BatchedSweepProducts).
            .. products ? [Expression.Assign(delta, length), Expression.AddAssign(length, AffineIndex.Add(width, gathered))] : Array.Empty<Expression>(),
            Expression.Assign(fold.States, Expression.Call(DenseRuntime.RentMethod, Buffers, Expression.Constant(fold.Id), length)),
            start,
            .. before,
            Expression.Assign(fold.Index, Expression.Subtract(LinqRuntime.Inline(fold.Count), Expression.Constant(1))),
            Expression.Loop(Expression.IfThenElse(Expression.GreaterThanOrEqual(fold.Index, Expression.Constant(0)),
                Expression.Block([.. each, step, Expression.SubtractAssign(fold.Index, Expression.Constant(1))]), Expression.Break(exit)), exit),
            fold.States]));
    }

    /// <summary>
    /// The recomputation of a checkpointed fold inside its sweep: at the sweep's first step and whenever t is a segment's
    /// last step, the segment's first state is copied from its checkpoint and the fold's step runs forward to state t
    /// (the same emitted step, so the same bits); at every step the fold's positions shift to the segment's rows.
    /// </summary>
    private void Recompute(ReverseFoldNode sweep, FoldNode forward, Scope scope, List<ParameterExpression> locals, List<Expression> before, List<Expression> each)
    {
        var (layout, shift, _) = _options.Folds.Folds[forward];
        var width = LinqRuntime.Dimension(forward.Width);
        var (interval, checkpoints, next, last) = (Expression.Variable(typeof(int), "interval"), Expression.Variable(typeof(int), "checkpoints"),
            Expression.Variable(typeof(int), "next"), Expression.Variable(typeof(int), "last"));
        locals.AddRange([forward.States, interval, checkpoints, shift, next, last]);
        before.AddRange([
            Expression.Assign(forward.States, Value(forward)),
            Expression.Assign(interval, layout.Interval),
            Expression.Assign(checkpoints, layout.Checkpoints(interval)),
        ]);
        var t = sweep.Index;
        var step = StepReadingInPlace(forward, _schedule.Recomputes[sweep], sweep, scope, width, Expression.Add(next, forward.Component));
        var done = Expression.Label("recomputed");
        var entering = Expression.OrElse(Expression.Equal(t, Expression.Subtract(LinqRuntime.Inline(sweep.Count), Expression.Constant(1))),
            Expression.Equal(Expression.Modulo(t, interval), Expression.Subtract(interval, Expression.Constant(1))));
        each.Add(Expression.IfThen(entering, Expression.Block(
            Expression.Assign(last, t),
            Expression.SubtractAssign(t, Expression.Modulo(t, interval)),
            Copy(forward.States, Expression.Divide(t, interval), checkpoints, width),
            Expression.Loop(Expression.IfThenElse(Expression.LessThan(t, last),
                Expression.Block(SegmentRows(t, layout, checkpoints, interval, shift, next), step, Expression.PreIncrementAssign(t)),
                Expression.Break(done)), done))));
        each.Add(Expression.Assign(shift, layout.Shift(t, checkpoints, interval)));
    }

    /// <summary>A step of a checkpointed fold (or its recomputation in the sweep): no copies before the loop, whose buffer is laid out by segments.</summary>
    private Expression StepReadingInPlace(FoldNode fold, ProcedureSchedule body, Graph.Node key, Scope scope, Expression width, Expression next)
    {
        var enclosing = _invariants;
        _invariants = null;
        try { return Step(fold, body, key, scope, width, next); }
        finally { _invariants = enclosing; }
    }

    /// <summary>Row <paramref name="from"/> of a buffer of rows of <paramref name="width"/> copied to row <paramref name="to"/>.</summary>
    private static MethodCallExpression Copy(ParameterExpression states, Expression from, Expression to, Expression width) =>
        Expression.Call(CopyRows, states, Expression.Multiply(from, width), states, Expression.Multiply(to, width), width);

    private MethodCallExpression Rent(StateLoopNode fold, Expression width) =>
        Expression.Call(DenseRuntime.RentMethod, Buffers, Expression.Constant(fold.Id), Length(fold, width));

    private static Expression Length(StateLoopNode fold, Expression width) =>
        Expression.Multiply(Expression.Add(LinqRuntime.Inline(fold.Count), Expression.Constant(1)), width);

    private static ProcedureShape Write(ParameterExpression states, Expression position, Expression value) =>
        new([], [], [Expression.Assign(Expression.ArrayAccess(states, position), value)], Expression.Empty());
}
