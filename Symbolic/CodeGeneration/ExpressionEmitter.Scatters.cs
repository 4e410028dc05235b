using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>The emission of scattered adjoints: guarded direct writes, and loops over the indices they read.</summary>
internal sealed partial class ExpressionEmitter
{
    /// <summary>
    /// A loop over the scatter loop's index; its body (scheduled with the index bound) writes the scatters
    /// now fully bound and loops again for inner indices — so values that depend only on the outer index (a
    /// row's activation) are computed once per row, not once per inner iteration. A loop that also
    /// accumulates sums becomes the definition their readers wait for (null returned: it is a statement).
    /// </summary>
    private Expression? EmitScatterLoop(ScatterLoop loop)
    {
        var plan = _schedule.Scatters!;
        if (loop.Sums is not { Members.Count: > 0 } sums)
            return Unswitched(loop, Carried(loop.Carry, plan.Target, CarriedOrRowLoop(loop, plan.CountOf(loop.Index), EmitNested(loop.Body, Scope.Root, _ => ProcedureShape.Value(Expression.Empty())))));
        var body = EmitNested(loop.Body, Scope.Root, values => new ProcedureShape([], [],
            [.. sums.Members.Select((m, k) => Expression.AddAssign(sums.Accumulators[m], Widened(values[k])))], Expression.Empty()));
        StatementsIn(Scope.Root).Add(Expression.Assign(sums.Marker, Expression.Block(
        [
            .. sums.Members.Select(m => Expression.Assign(sums.Accumulators[m], Expression.Constant(0.0))),
            Carried(loop.Carry, plan.Target, CarriedOrRowLoop(loop, plan.CountOf(loop.Index), body)),
            Expression.Constant(0.0),
        ])));
        return null;
    }

    /// <summary>A carried scatter loop: its registers zeroed before it, the last entries written from them after it.</summary>
    private static Expression Carried(CarriedWrite? carry, Expression target, Expression loop) =>
        carry is null || carry.Registers.Count == 0 ? loop
        : Expression.Block(carry.Registers, [.. carry.Start(), loop, carry.Tail(target)]);

    /// <summary>
    /// The body's writes of a carried scatter loop: the scatters' values (<paramref name="values"/>, in the
    /// order of the body's direct scatters) summed by offset, each entry stored once (<see cref="CarriedWrite.Iteration"/>).
    /// </summary>
    private List<Expression> CarriedWrites(CarriedWrite carry, IReadOnlyList<Expression> values)
    {
        var contributions = new Expression?[carry.Covering.Width + 1];
        var offsets = new Dictionary<Differentiation.Scatter, int>();
        foreach (var (scatter, offset) in carry.Covering.Scatters) offsets[scatter] = offset;
        for (var k = 0; k < values.Count; k++)
        {
            var j = offsets[_schedule.Direct[k].Scatter];
            contributions[j] = contributions[j] is { } earlier ? Expression.Add(earlier, values[k]) : values[k];
        }
        return [.. carry.Iteration(_schedule.Scatters!.Target, contributions)];
    }

    /// <summary>The write under its guards' tests, whose values <paramref name="testValues"/> yields in order.</summary>
    private static Expression Guarded(IReadOnlyList<(Node Test, bool WhenTrue)> guards, IEnumerator<Expression> testValues, Expression write)
    {
        Expression? condition = null;
        foreach (var (_, whenTrue) in guards)
        {
            testValues.MoveNext();
            var test = whenTrue ? testValues.Current : Expression.Not(testValues.Current);
            condition = condition is null ? test : Expression.AndAlso(condition, test);
        }
        return condition is null ? write : Expression.IfThen(condition, write);
    }
}
