using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>The emission of a fold's loop over its steps, each step's shared values computed once (<see cref="FoldStepSplit"/>).</summary>
internal sealed partial class ExpressionEmitter
{
    /// <summary>
    /// <c>for t: for s: states[(t+1)·W + s] = step(t, s)</c>; or, when the schedule split the step,
    /// <c>for t: { shared values; for s: states[(t+1)·W + s] = step(t, s) }</c>, or
    /// <c>for t: { states[(t+1)·W] = e0; states[(t+1)·W + 1] = e1; … }</c> for a step written <c>new[] { e0, e1, … }</c>.
    /// </summary>
    private Expression StepLoop(FoldNode fold, Scope scope, Expression width) =>
        Loops.For(fold.Index, fold.Count, Step(fold, _schedule.Bodies[fold], fold, scope, width, Expression.Add(fold.At(Expression.Add(fold.Index, Expression.Constant(1)), Expression.Constant(0)), fold.Component)));

    /// <summary>
    /// One step: the next state's components written at <paramref name="next"/> + s (<paramref name="next"/> reads the
    /// component index s), split as the schedule split it under <paramref name="key"/> (the fold, or the sweep recomputing it).
    /// </summary>
    private Expression Step(FoldNode fold, ProcedureSchedule body, Node key, Scope scope, Expression width, Expression next)
    {
        Expression At(int k) => Substitution.Replace(next, fold.Component, Expression.Constant(k));
        if (!_schedule.FoldSteps.TryGetValue(key, out var split))
            return Expression.Block(ComponentFor(fold, width, EmitNested(body, scope, values => Write(fold.States, next, values[0])), next, At(0)));
        return EmitNested(body, scope, values => split.ComponentLoop is null
            ? new ProcedureShape([], [], [.. values.Select((value, k) => Expression.Assign(Expression.ArrayAccess(fold.States, At(k)), value))], Expression.Empty())
            : ComponentLoop(fold, split, split.ComponentLoop, values, scope, width, next, At(0)));
    }

    /// <summary>The loop over a step's components; a batched fold's W·h and U·x_t first, as products into the next row (<see cref="BatchedStepProduct"/>).</summary>
    private IEnumerable<Expression> ComponentFor(FoldNode fold, Expression width, Expression body, Expression next, Expression start) =>
        BatchedStepProduct.TryLift(fold.Component, width, body, fold.States, next, start, Buffers, _invariants) is var (product, lifted)
            ? lifted is null ? [product] : [product, Loops.For(fold.Component, width, lifted)]
            : [Loops.For(fold.Component, width, body)];

    /// <summary>The shared values into locals, then the loop over the components, which reads them.</summary>
    private ProcedureShape ComponentLoop(FoldNode fold, FoldStepSplit split, ProcedureSchedule loop, IReadOnlyList<Expression> values, Scope scope,
        Expression width, Expression next, Expression start)
    {
        var locals = new List<ParameterExpression>();
        var assignments = new List<Expression>();
        var shared = new Dictionary<Node, Expression>();
        for (var k = 0; k < values.Count; k++)
        {
            var value = values[k];
            if (value is not (ParameterExpression or ConstantExpression))
            {
                var local = Expression.Variable(value.Type, $"shared{k + 1}");
                locals.Add(local);
                assignments.Add(Expression.Assign(local, value));
                value = local;
            }
            shared[split.Shared[k]] = value;
        }
        var outside = AvailableAt(scope);
        var body = new ExpressionEmitter(loop, _options, _hoister, node => shared.GetValueOrDefault(node) ?? outside(node))
            .EmitProcedure(components => Write(fold.States, next, components[0]));
        List<Expression> sinks = [.. assignments, .. ComponentFor(fold, width, body, next, start)];
        if (split.Map is { } map)
        {
            // The loop wrote the map's operands into the new row; the map runs over the row in place.
            sinks.Add(Expression.Call(RuntimeEntryPoints.ForArray(fold.States.Type).Unary, Expression.Constant((int)RowOperations.Of(map)!.Value),
                fold.States, start, fold.States, start, width));
        }
        return new ProcedureShape(locals, [], sinks, Expression.Empty());
    }
}
