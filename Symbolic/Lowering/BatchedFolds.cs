using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Diagnostics;
using Symbolic.Runtime;

namespace Symbolic.Lowering;

/// <summary>
/// The frontend's batch-folds pass: a sum over a batch of sequences, <c>Enumerable.Range(0, B).Sum(b =&gt; src_b.Aggregate(seed, step, result))</c>
/// with B a constant ≥ 2 or a size known when the model runs (<c>sequences.Length</c>), becomes ONE fold over the steps whose state stacks the B states (row b of a B × H state is
/// sequence b's state), and whose result sums the B results. The step's component i reads b = i / H and j = i mod H, so the
/// B sequences advance together: one loop over the steps instead of B, each step a loop over B·H components.
/// </summary>
/// <remarks>
/// <c>sequences.Sum(s =&gt; …)</c>, <c>.Select((s, b) =&gt; …).Sum()</c> and <c>.Zip(targets, …).Sum()</c> are read as that range sum
/// (<see cref="SequenceSums"/>) when it batches. A run-time B (<c>Range(0, sequences.Length)</c>) gives a stacked width <c>B · H</c> that lowering reads as rows of H, and a
/// batch over ranges the steps <c>B &gt; 0 ? T : 0</c>, so that the fold runs nothing where the batch is empty.
/// It applies when every sequence has the same number of steps: <c>src_b</c> is <c>sequences[b]</c> of a jagged data
/// parameter (the lengths are compared when the model runs: <see cref="SequenceBatches"/>; if they differ the per-sequence
/// folds run, the batched one runs no step), or a range whose bounds do not read b. The seed must not read b, or be
/// written per component (<c>Range(0, H).Select(j =&gt; …).ToArray()</c>, stacked per b); the state must be a double or a
/// double[] built by <c>Range(0, H).Select(j =&gt; …).ToArray()</c> and read only as <c>h[k]</c> or <c>h.Length</c>. Anything
/// else is left as it is (the per-sequence folds, as before).
/// </remarks>
internal sealed class BatchedFolds : ExpressionVisitor
{
    private static readonly MethodInfo Range = typeof(Enumerable).GetMethod(nameof(Enumerable.Range))!;
    private static readonly MethodInfo Aggregate = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Aggregate) && m.GetParameters().Length == 4).MakeGenericMethod(typeof(int), typeof(double[]), typeof(double));
    private static readonly MethodInfo Select = SelectOf(typeof(double));
    private static readonly MethodInfo ToArray = typeof(Enumerable).GetMethod(nameof(Enumerable.ToArray))!.MakeGenericMethod(typeof(double));
    private static readonly MethodInfo SumOfInts = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Sum) && m.IsGenericMethod && m.GetParameters()[1].ParameterType == typeof(Func<,>).MakeGenericType(m.GetGenericArguments()[0], typeof(double)))
        .MakeGenericMethod(typeof(int));

    private static readonly HashSet<ParameterExpression> NoScope = [];
    // The parameters of the lambdas and the variables of the blocks being visited: a batch's count must read none of them.
    private readonly HashSet<ParameterExpression> _scoped = [];

    private BatchedFolds()
    {
    }

    /// <summary>The body with every batch of folds it can merge merged (the same object when there is none).</summary>
    /// <param name="body">The model's body.</param>
    public static Expression Rewrite(Expression body)
    {
        if (!MentionsBatch(body)) return body;
        try { return new BatchedFolds().Visit(body); }
        catch (InsufficientExecutionStackException)
        {
            throw Errors.NotDifferentiable(body, "it is too deeply nested to batch its folds");
        }
    }

    /// <inheritdoc/>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(node))]
    public override Expression? Visit(Expression? node)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return base.Visit(node);
    }

    // Iterative, so that a deep model without a batch (a forty-thousand-term sum) is never visited recursively.
    private static bool MentionsBatch(Expression body)
    {
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is MethodCallExpression call && (Batch.Read(call, NoScope) is not null || SequenceSums.AsRangeSum(call, NoScope) is { } range && Batch.Read(range, NoScope) is not null))
                return true;
            foreach (var child in ExpressionChildren.Of(e)) pending.Push(child);
        }
        return false;
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var visited = base.VisitMethodCall(node);
        if (visited is not MethodCallExpression call) return visited;
        if (Batch.Read(call, _scoped) is { } batch) return Merge(batch);
        // sequences.Sum(s => …), .Select((s, b) => …).Sum(), .Zip(targets, …).Sum(): batched as their range sum, else left as written.
        return SequenceSums.AsRangeSum(call, _scoped) is { } range && Batch.Read(range, _scoped) is { } over && over.Batched() is not null ? Merge(over) : visited;
    }

    protected override Expression VisitLambda<T>(Expression<T> node) => Scoped(node.Parameters, () => base.VisitLambda(node));

    protected override Expression VisitBlock(BlockExpression node) => Scoped(node.Variables, () => base.VisitBlock(node));

    private Expression Scoped(IEnumerable<ParameterExpression> variables, Func<Expression> visit)
    {
        var added = variables.Where(_scoped.Add).ToList();
        try { return visit(); }
        finally { _scoped.ExceptWith(added); }
    }

    /// <summary>The merged fold, behind the run-time test of the lengths where the sequences are data.</summary>
    private static Expression Merge(Batch batch)
    {
        if (batch.Batched() is not { } merged) return batch.Sum;
        if (batch.Sequences is not { } sequences) return merged;
        var oneLength = Expression.Call(typeof(SequenceBatches), nameof(SequenceBatches.HaveOneLength), null, sequences, batch.Count);
        return Expression.Condition(oneLength, merged, batch.PerSequence(oneLength));
    }

    /// <summary>
    /// A recognised batch: the sum, its index b and count B (a constant, or an int expression of the model's arguments read
    /// where the model runs: every size of the batched fold is computed from it), the fold summed, and the jagged data it reads (if any).
    /// </summary>
    private sealed record Batch(MethodCallExpression Sum, ParameterExpression B, Expression Count, MethodCallExpression Fold, ParameterExpression? Sequences)
    {
        public static Batch? Read(MethodCallExpression sum, IReadOnlySet<ParameterExpression> scoped)
        {
            if (!IsEnumerable(sum, nameof(Enumerable.Sum)) || sum.Type != typeof(double) || sum.Arguments is not [MethodCallExpression range, var selector]
                || !IsEnumerable(range, nameof(Enumerable.Range)) || range.Arguments is not [ConstantExpression { Value: 0 }, var count] || count.Type != typeof(int)
                || (count is ConstantExpression { Value: int n } ? n < 2 : ExpressionChildren.Mentions(count, scoped.Contains))
                || Unquote(selector) is not { Parameters: [var b], Body: MethodCallExpression fold }
                || !IsEnumerable(fold, nameof(Enumerable.Aggregate)) || fold.Arguments.Count < 3 || fold.Type != typeof(double))
                return null;
            return fold.Arguments[0] switch
            {
                BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: ParameterExpression data, Right: var at } when at == b
                    && (data.Type == typeof(double[][][]) || data.Type == typeof(double[][])) => new Batch(sum, b, count, fold, data),
                MethodCallExpression steps when IsEnumerable(steps, nameof(Enumerable.Range)) && !ExpressionChildren.Mentions(steps, b) => new Batch(sum, b, count, fold, null),
                _ => null,
            };
        }

        /// <summary>The original sum with each sequence's fold running no step when the batched fold runs.</summary>
        public Expression PerSequence(Expression batched)
        {
            var data = Sequences!;
            var t = Expression.Parameter(typeof(int), "t");
            var row = Expression.ArrayIndex(data, B);
            var steps = Expression.Condition(batched, Expression.Constant(0), Expression.ArrayLength(row));
            var elementType = data.Type.GetElementType()!.GetElementType()!;
            var source = Expression.Call(SelectOf(elementType), Expression.Call(Range, Expression.Constant(0), steps), Expression.Lambda(Expression.ArrayIndex(row, t), t));
            var fold = Fold.Update(null, [source, .. Fold.Arguments.Skip(1)]);
            return Sum.Update(null, [Sum.Arguments[0], Expression.Lambda(fold, B)]);
        }

        /// <summary>The one fold over a B × H state, or null when the fold is not in a form this pass reads.</summary>
        public Expression? Batched()
        {
            if (Unquote(Fold.Arguments[2]) is not { Parameters: [var state, var element] } step) return null;
            var result = Fold.Arguments.Count == 4 ? Unquote(Fold.Arguments[3]) : null;
            if (Fold.Arguments.Count == 4 && result is null) return null;
            var (width, component) = state.Type == typeof(double) ? (1, null) : state.Type == typeof(double[]) ? VectorStep(step.Body) : (0, null);
            if (width == 0 || state.Type == typeof(double[]) && component is null) return null;

            var i = Expression.Parameter(typeof(int), "i");
            var stacked = Expression.Parameter(typeof(double[]), state.Name + "s");
            var (b, j) = width == 1 ? ((Expression)i, (Expression)Expression.Constant(0)) : (Expression.Divide(i, Expression.Constant(width)), Expression.Modulo(i, Expression.Constant(width)));
            var t = Expression.Parameter(typeof(int), "t");
            var source = Sequences is { } data
                ? Expression.Call(Range, Expression.Constant(0), Expression.Call(typeof(SequenceBatches), nameof(SequenceBatches.Steps), null, data, Count))
                : Count is ConstantExpression ? Fold.Arguments[0] : NoStepsWithoutSequences((MethodCallExpression)Fold.Arguments[0]);
            Expression read = Sequences is { } rows ? Expression.ArrayIndex(Expression.ArrayIndex(rows, b), t) : t;

            var body = component is null ? step.Body : Substitution.Replace(component.Body, component.Parameters[0], j);
            body = Substitution.Replace(Substitution.Replace(body, B, b), element, read);
            if (StackedStateReads.Rewrite(body, state, stacked, b, width, j) is not { } next) return null;
            if (Seed(Fold.Arguments[1], width) is not { } seed) return null;

            var rowOf = Expression.Parameter(typeof(int), B.Name);
            var final = result is null ? Expression.ArrayIndex(stacked, rowOf)
                : StackedStateReads.Rewrite(Substitution.Replace(result.Body, B, rowOf), result.Parameters[0], stacked, rowOf, width);
            if (final is null) return null;
            var sum = Expression.Call(SumOfInts, Expression.Call(Range, Expression.Constant(0), Count), Expression.Lambda(final, rowOf));
            return Expression.Call(Aggregate, source, seed, Expression.Lambda(Components(i, next, Stacked(width)), stacked, t), Expression.Lambda(sum, stacked));
        }

        /// <summary>
        /// <c>Range(start, B &gt; 0 ? T : 0)</c> for a run-time B: the batched fold runs no step when the batch is empty (LINQ then
        /// evaluates no sequence at all), so that, with its width B·H, it computes nothing where a loop over the batch runs nothing.
        /// </summary>
        private MethodCallExpression NoStepsWithoutSequences(MethodCallExpression range) =>
            range.Update(null, [range.Arguments[0], Expression.Condition(Expression.GreaterThan(Count, Expression.Constant(0)), range.Arguments[1], Expression.Constant(0))]);

        /// <summary>The seed of the stacked state: the B seeds one after the other, or null when the seed is in no form read here.</summary>
        private Expression? Seed(Expression seed, int width)
        {
            var c = Expression.Parameter(typeof(int), "c");
            if (width == 1) return Components(c, Substitution.Replace(seed, B, c), Count);
            if (seed is NewArrayExpression { NodeType: ExpressionType.NewArrayBounds, Expressions: [ConstantExpression { Value: int n }] } && n == width)
                return Expression.NewArrayBounds(typeof(double), Stacked(width));
            var (b, j) = (Expression.Divide(c, Expression.Constant(width)), Expression.Modulo(c, Expression.Constant(width)));
            if (VectorStep(seed) is (var n2, { } component) && n2 == width)
                return Components(c, Substitution.Replace(Substitution.Replace(component.Body, component.Parameters[0], j), B, b), Stacked(width));
            return ExpressionChildren.Mentions(seed, B) || seed is NewArrayExpression ? null : Components(c, Expression.ArrayIndex(seed, j), Stacked(width));
        }

        /// <summary>B·H, the stacked state's width: a constant for a constant B, else <c>B · H</c> (read as rows of H by lowering's range proofs).</summary>
        private Expression Stacked(int width) => Count switch
        {
            ConstantExpression { Value: int count } => Expression.Constant(count * width),
            _ when width == 1 => Count,
            _ => Expression.Multiply(Count, Expression.Constant(width)),
        };

        /// <summary><c>Enumerable.Range(0, count).Select(index =&gt; body).ToArray()</c>.</summary>
        private static Expression Components(ParameterExpression index, Expression body, Expression count) =>
            Expression.Call(ToArray, Expression.Call(Select, Expression.Call(Range, Expression.Constant(0), count), Expression.Lambda(body, index)));
    }

    /// <summary>The width H and the component lambda of <c>Enumerable.Range(0, H).Select(j =&gt; …).ToArray()</c>, H a constant.</summary>
    private static (int Width, LambdaExpression? Component) VectorStep(Expression body) =>
        body is MethodCallExpression { Arguments: [MethodCallExpression { Arguments: [MethodCallExpression range, var selector] } select] } toArray
        && IsEnumerable(toArray, nameof(Enumerable.ToArray)) && IsEnumerable(select, nameof(Enumerable.Select)) && IsEnumerable(range, nameof(Enumerable.Range))
        && range.Arguments is [ConstantExpression { Value: 0 }, ConstantExpression { Value: int width }] && width > 0
        && Unquote(selector) is { Parameters: [_] } component && component.ReturnType == typeof(double)
            ? (width, component) : (0, null);

    /// <summary><c>Enumerable.Select&lt;int, TResult&gt;</c> with a selector of the element alone.</summary>
    private static MethodInfo SelectOf(Type result) => typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Select) && m.GetParameters()[1].ParameterType.GetGenericArguments().Length == 2).MakeGenericMethod(typeof(int), result);

    private static bool IsEnumerable(MethodCallExpression call, string name) => call.Method.DeclaringType == typeof(Enumerable) && call.Method.Name == name;

    private static LambdaExpression? Unquote(Expression argument) => argument switch
    {
        LambdaExpression lambda => lambda,
        UnaryExpression { NodeType: ExpressionType.Quote, Operand: LambdaExpression lambda } => lambda,
        _ => null,
    };
}
