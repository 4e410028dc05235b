using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>The emission of loops: sums, fused sums and arg-extrema, each body emitted from its own schedule.</summary>
internal sealed partial class ExpressionEmitter
{
    /// <summary>Σ body as a loop (or a vectorised row sum, or a read of its fused loop's accumulator).</summary>
    private Expression BuildSum(SumNode sum)
    {
        if (_schedule.Fused.TryGetValue(sum, out var loop)) return BuildFusedMember(sum, loop);
        if (_options.VectorizeRowSums && VectorizedSum(sum) is { } vectorized) return vectorized;
        var body = EmitNested(_schedule.Bodies[sum], _schedule.Placement[sum], values => ProcedureShape.Value(values[0]));
        var total = Expression.Variable(typeof(double), "sum");
        return Expression.Block([total],
            Expression.Assign(total, Expression.Constant(0.0)),
            RowLoop(sum.Index, sum.Count, Expression.AddAssign(total, Widened(body))),
            Rounded(total));
    }

    /// <summary>
    /// A member of a fused loop reads its accumulator after the loop: <c>{ loop; sumₖ }</c>, where reading
    /// the loop's local makes the scheduler place the loop first. The loop itself is built at the
    /// last member (by then every member's loop invariants are emitted); a scatter loop's sums are
    /// accumulated by the scatter loop (<see cref="EmitScatterLoop"/>).
    /// </summary>
    private Expression BuildFusedMember(SumNode sum, FusedLoop loop)
    {
        if (sum == loop.Members[^1] && loop.Body is { } schedule)
        {
            var body = EmitNested(schedule, Scope.Root, values => new ProcedureShape([], [],
                [.. loop.Members.Select((m, k) => Expression.AddAssign(loop.Accumulators[m], Widened(values[k])))], Expression.Empty()));
            StatementsIn(Scope.Root).Add(Expression.Assign(loop.Marker, Expression.Block(
            [
                .. loop.Members.Select(m => Expression.Assign(loop.Accumulators[m], Expression.Constant(0.0))),
                RowLoop(sum.Index, sum.Count, body),
                loop.Accumulators[loop.Members[0]],
            ])));
        }
        return Expression.Block(loop.Marker, Rounded(loop.Accumulators[sum]));
    }

    // The accumulation policy (docs/precision.md): every sum accumulates in double, whatever the model's type, and a
    // float model's sum is rounded to float once, at the end. A term is widened exactly; the sum of n float terms is
    // then within (n-1)·2⁻⁵³·Σ|term| of the exact sum before that one rounding.
    private static Expression Widened(Expression term) => term.Type == typeof(double) ? term : Expression.Convert(term, typeof(double));

    private Expression Rounded(Expression accumulator) => _options.Element.IsSingle ? Expression.Convert(accumulator, typeof(float)) : accumulator;

    /// <summary>
    /// A scatter loop: row by row when it carries gradient entries in registers from one row to the next (a
    /// block's phases would reorder those reads and writes), else <see cref="RowLoop"/>.
    /// </summary>
    private Expression CarriedOrRowLoop(ScatterLoop loop, Expression count, Expression body) =>
        loop.Carry is { Registers.Count: > 0 } ? Loops.For(loop.Index, count, body, inverted: _schedule.Bound.Count == 0)
        : RowLoop(loop.Index, count, body);

    /// <summary>A loop over an index: in blocks of rows where the block-rows pass planned it and the body splits (<see cref="BlockedLoop"/>), else row by row.</summary>
    private Expression RowLoop(ParameterExpression index, Expression count, Expression body) =>
        _schedule.Bound.Count == 0 && _options.RowBlocks.Of(index) is { } block && BlockedLoop.TryBuild(block, index, count, body, _options.Buffers) is { } blocked
            ? blocked
            : _schedule.Bound.Count > 0 && _options.VectorizeRowSums && RowScatter.TryBuild(index, count, body) is { } scatter ? scatter
            : _options.VectorizeRowSums && _sweep?.TryBuild(index, count, body, b => Loops.For(index, count, b, inverted: _schedule.Bound.Count == 0), Buffers) is { } products ? products
            : Loops.For(index, count, body, inverted: _schedule.Bound.Count == 0);

    /// <summary>
    /// The first index of the largest (smallest) body value, as a double; an empty range throws
    /// InvalidOperationException, as LINQ's Max and Min do.
    /// </summary>
    private Expression BuildArgExtremum(ArgExtremumNode extremum)
    {
        var body = EmitNested(_schedule.Bodies[extremum], _schedule.Placement[extremum], values => ProcedureShape.Value(values[0]));
        var element = _options.Element;
        var (best, bestIndex, value) = (Expression.Variable(element.Type, "best"), Expression.Variable(typeof(int), "at"), Expression.Variable(element.Type, "value"));
        var better = extremum.IsMax ? Expression.GreaterThan(value, best) : Expression.LessThan(value, best);
        var empty = Expression.Throw(Expression.New(typeof(InvalidOperationException).GetConstructor([typeof(string)])!, Expression.Constant("Sequence contains no elements")));
        return Expression.Block([best, bestIndex],
            Expression.Assign(best, element.Constant(double.NaN)),
            Expression.Assign(bestIndex, Expression.Constant(-1)),
            Loops.For(extremum.Index, extremum.Count, inverted: _schedule.Bound.Count == 0, body: Expression.Block([value],
                Expression.Assign(value, body),
                Expression.IfThen(Expression.OrElse(Expression.LessThan(bestIndex, Expression.Constant(0)), better),
                    Expression.Block(Expression.Assign(best, value), Expression.Assign(bestIndex, extremum.Index))))),
            Expression.IfThen(Expression.LessThan(bestIndex, Expression.Constant(0)), empty),
            Expression.Convert(bestIndex, element.Type));
    }
}
