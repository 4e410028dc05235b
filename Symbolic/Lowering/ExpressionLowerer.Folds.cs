using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.Lowering;

/// <summary>
/// The lowering of LINQ's <c>Aggregate</c> into a <see cref="FoldNode"/>: a state of one double, or a
/// <c>double[]</c> of fixed width rebuilt at every step as <c>Enumerable.Range(0, H).Select(j =&gt; …).ToArray()</c>.
/// </summary>
internal sealed partial class ExpressionLowerer
{
    // The double[] states of the folds being lowered (and of their result selectors): a read state[k] is this node.
    private readonly Dictionary<ParameterExpression, (Func<Expression, Node> Read, Expression Width)> _stateArrays = [];
    // Each Aggregate call is one fold, however many of its components are read.
    private readonly Dictionary<MethodCallExpression, (FoldNode Fold, Expression Width)> _folds = [];

    /// <summary>Whether <paramref name="call"/> is <c>Enumerable.Aggregate</c>.</summary>
    private static bool IsFold(MethodCallExpression call) =>
        call.Method.DeclaringType == typeof(Enumerable) && call.Method.Name == nameof(Enumerable.Aggregate);

    /// <summary>A double-valued <c>Aggregate</c>: the final state (scalar), or the result selector applied to it.</summary>
    private Node LowerFold(MethodCallExpression call)
    {
        var (fold, width) = FoldOf(call);
        if (call.Arguments.Count < 4) return _graph.FoldRead(fold, fold.At(fold.Count, Expression.Constant(0)));
        var selector = FoldLambda(call.Arguments[3]);
        var state = selector.Parameters[0];
        var body = WithWidth(selector.Body, state, width);
        if (state.Type == typeof(double)) _locals[state] = _graph.FoldRead(fold, fold.At(fold.Count, Expression.Constant(0)));
        else _stateArrays[state] = (k => _graph.FoldRead(fold, fold.At(fold.Count, k)), width);
        try { return LowerBody(body); }
        finally { _stateArrays.Remove(state); }
    }

    /// <summary><c>xs.Aggregate(seed, step)[k]</c>: a component of a final vector state.</summary>
    private Node LowerFoldComponent(MethodCallExpression call, Expression component)
    {
        var (fold, width) = FoldOf(call);
        return _graph.FoldRead(fold, fold.At(fold.Count, CheckedComponent(Expression.ArrayIndex(call, component), component, width)));
    }

    private (FoldNode Fold, Expression Width) FoldOf(MethodCallExpression call)
    {
        if (_folds.TryGetValue(call, out var known)) return known;
        var seedless = call.Arguments.Count == 2;
        var step = FoldLambda(call.Arguments[seedless ? 1 : 2]);
        var state = step.Parameters[0];
        if (state.Type != typeof(double) && state.Type != typeof(double[]))
            throw Errors.NotDifferentiable(call, $"the state of a fold must be a double, a double[] or a tuple of 2 to 7 doubles, not {state.Type.Name}");
        var read = WithStateWidths(LinqOperators.Read(call.Arguments[0], _sumDepth));
        if (seedless && read.Filter is not null) throw Errors.NotDifferentiable(call, "Aggregate without a seed after Where is not supported (write a seed)");
        if (seedless && state.Type != typeof(double)) throw Errors.NotDifferentiable(call, "Aggregate without a seed must fold doubles");

        var enclosing = CurrentLoop;
        var t = Expression.Parameter(typeof(int), "t");
        var sequence = read.WithIndex(t);
        // Without a seed, the first element is the seed and the steps run over the others; an empty sequence throws as LINQ does.
        var empty = Expression.Throw(Expression.New(typeof(InvalidOperationException).GetConstructor([typeof(string)])!, Expression.Constant("Sequence contains no elements")), typeof(int));
        var first = Expression.Condition(Expression.Equal(sequence.Count, Expression.Constant(0)), empty, Expression.Constant(0));
        var count = seedless ? Expression.Subtract(Expression.Condition(Expression.Equal(sequence.Count, Expression.Constant(0)), empty, sequence.Count), Expression.Constant(1)) : sequence.Count;
        var element = seedless ? Substitution.Replace(sequence.Element, t, Expression.Add(t, Expression.Constant(1))) : sequence.Element;

        var (seedComponent, component) = (Expression.Parameter(typeof(int), "c"), Expression.Parameter(typeof(int), "s"));
        var (stepBody, width) = state.Type == typeof(double) ? (step.Body, (Expression)Expression.Constant(1)) : VectorStep(step, component);
        stepBody = Substitution.Replace(WithWidth(stepBody, state, width), step.Parameters[1], element);
        var seedExpression = seedless ? Substitution.Replace(sequence.Element, t, first) : call.Arguments[1];
        if (state.Type == typeof(double[])) CheckSeedWidth(call, seedExpression, width);

        var states = Expression.Parameter(typeof(double[]), "states");
        _graph.DeclareIndex(t, count, enclosing);
        _graph.DeclareIndex(seedComponent, width, enclosing);
        _graph.DeclareIndex(component, width, t);

        var seed = LowerSeed(seedExpression, seedComponent);
        _enclosing.Push(t);
        _enclosing.Push(component);
        _sumDepth++;
        try
        {
            Node Previous(Expression k) => _graph.IndexedElement(states, StateLoopNode.Position(t, width, k));
            if (state.Type == typeof(double)) _locals[state] = Previous(Expression.Constant(0));
            else _stateArrays[state] = (Previous, width);
            if (state.Type == typeof(double[])) ProveGuardedReads(stepBody, state, width);
            var next = LowerBody(stepBody);
            if (sequence.Filter is { } filter)
                next = _graph.Conditional(LowerBody(filter), next, Previous(state.Type == typeof(double) ? Expression.Constant(0) : component));
            var fold = _graph.Fold(states, t, count, component, width, seedComponent, seed, next);
            return _folds[call] = (fold, width);
        }
        finally
        {
            _stateArrays.Remove(state);
            _locals.Remove(state);
            _componentNames.Remove(component);
            _sumDepth--;
            _enclosing.Pop();
            _enclosing.Pop();
        }
    }

    /// <summary>
    /// The step of a vector state, <c>Enumerable.Range(0, H).Select(j =&gt; e).ToArray()</c>: e at component
    /// <paramref name="component"/>, and the width H (a constant, or a size of the model's arguments known when it runs).
    /// </summary>
    private (Expression Body, Expression Width) VectorStep(LambdaExpression step, ParameterExpression component)
    {
        if (step.Body is NewArrayExpression { NodeType: ExpressionType.NewArrayInit } init)
            return (ComponentOf(init, component), Expression.Constant(init.Expressions.Count));
        if (step.Body is not MethodCallExpression { Method.Name: nameof(Enumerable.ToArray), Arguments: [var source] } toArray
            || toArray.Method.DeclaringType != typeof(Enumerable))
            throw Errors.NotDifferentiable(step.Body, "the step of a fold over a double[] state must build the next state as new[] { ... } or Enumerable.Range(0, H).Select(j => ...).ToArray()");
        var next = LinqOperators.Read(source, _sumDepth);
        var width = Runtime.LinqRuntime.Dimension(next.Count);
        if (next.Filter is not null || width is not ConstantExpression && !IsRunTimeSize(width, step))
            throw Errors.NotDifferentiable(step.Body, "the next state of a fold must have a number of components fixed before the fold runs (Enumerable.Range(0, H) with H a constant or a size of the model's arguments, no Where)");
        _componentNames[component] = ComponentName(source) ?? component.Name!;
        return (Substitution.Replace(next.Element, next.Index, component), width);
    }

    /// <summary>
    /// A state that changes shape between steps is refused: the seed must have as many components as each step builds (for
    /// a width known only when the model runs, the same size written the same way: <c>new double[n]</c> beside <c>Range(0, n)</c>).
    /// </summary>
    private static void CheckSeedWidth(MethodCallExpression call, Expression seed, Expression width)
    {
        var seedWidth = seed switch
        {
            NewArrayExpression { NodeType: ExpressionType.NewArrayInit } init => Expression.Constant(init.Expressions.Count),
            NewArrayExpression { NodeType: ExpressionType.NewArrayBounds, Expressions: [var n] } => n,
            MethodCallExpression { Method.Name: nameof(Enumerable.ToArray), Arguments: [var source] } => Runtime.LinqRuntime.Dimension(LinqOperators.Read(source, 0).Count),
            _ => null,
        };
        // A constant width beside a seed of run-time size is compared by neither (as before run-time widths).
        if (seedWidth is null || width is ConstantExpression && seedWidth is not ConstantExpression || SameExpression.Equal(LinqRuntime.Unchecked(seedWidth), LinqRuntime.Unchecked(width))) return;
        if (seedWidth is ConstantExpression { Value: int s } && width is ConstantExpression { Value: int w })
            throw Errors.NotDifferentiable(call, $"the state of the fold changes shape between steps: the seed has {s} components and each step builds {w}");
        throw Errors.NotDifferentiable(call, $"the state of the fold may change shape between steps: the seed has {ExpressionQuoter.Quote(LinqRuntime.Unchecked(seedWidth))} components "
            + $"and each step builds {ExpressionQuoter.Quote(LinqRuntime.Unchecked(width))} (a width known only when the model runs needs a seed of that very width)");
    }

    /// <summary>The seed's component <paramref name="component"/>: a double, or an element of a double[] written inline or read from an array.</summary>
    private Node LowerSeed(Expression seed, ParameterExpression component)
    {
        if (seed.Type == typeof(double)) return LowerBody(seed);
        var element = seed switch
        {
            NewArrayExpression { NodeType: ExpressionType.NewArrayBounds } => Expression.Constant(0.0),
            NewArrayExpression { NodeType: ExpressionType.NewArrayInit } init => ComponentOf(init, component),
            MethodCallExpression { Method.Name: nameof(Enumerable.ToArray), Arguments: [var source] } when LinqOperators.Read(source, _sumDepth) is { Filter: null } read
                => Substitution.Replace(read.Element, read.Index, component),
            _ => Expression.ArrayIndex(seed, component),
        };
        _enclosing.Push(component);
        try { return LowerBody(element); }
        finally { _enclosing.Pop(); }
    }

    /// <summary>A sequence over a vector state (<c>h.Sum()</c>) runs over the state's width, not over <c>h.Length</c> (h is no local of the emitted code).</summary>
    private Sequence WithStateWidths(Sequence sequence) =>
        _stateArrays.Aggregate(sequence, (s, state) => s with { Count = WithWidth(s.Count, state.Key, state.Value.Width) });

    /// <summary>Component <paramref name="component"/> of <c>new[] { e0, e1, … }</c>: <c>component == 0 ? e0 : component == 1 ? e1 : …</c>.</summary>
    private static Expression ComponentOf(NewArrayExpression init, ParameterExpression component) =>
        init.Expressions.Select((e, k) => (e, k)).Reverse().Skip(1).Aggregate(init.Expressions[^1],
            (rest, item) => Expression.Condition(Expression.Equal(component, Expression.Constant(item.k)), item.e, rest));

    /// <summary><c>state.Length</c> of a vector state is its width.</summary>
    private static Expression WithWidth(Expression body, ParameterExpression state, Expression width) =>
        state.Type == typeof(double[]) ? new LengthOf(state, width).Visit(body) : body;

    private static LambdaExpression FoldLambda(Expression argument) => argument switch
    {
        LambdaExpression lambda => lambda,
        UnaryExpression { NodeType: ExpressionType.Quote, Operand: LambdaExpression lambda } => lambda,
        _ => throw Errors.NotDifferentiable(argument, "Aggregate must be given lambdas written inline"),
    };

    private sealed class LengthOf(ParameterExpression state, Expression width) : ExpressionVisitor
    {
        protected override Expression VisitUnary(UnaryExpression node) =>
            node.NodeType == ExpressionType.ArrayLength && node.Operand == state ? width : base.VisitUnary(node);
    }
}
