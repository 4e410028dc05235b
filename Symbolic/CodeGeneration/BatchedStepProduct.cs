using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A batched fold's per-component dot products as products over the batch (<c>frontend.batch-folds</c> stacks B states of
/// H components; component s is unit s mod H of sequence s / H; <see cref="BatchRows"/>). Its component loop computes, per
/// component, <c>Dot(w, c·(s mod H) + o, states, r + (s / H)·H, n)</c> — row s mod H of W against row s / H of the B × H
/// state block — so the B·H dots together are the product of the state block with Wᵀ; and
/// <c>Dot(w, c·(s mod H) + o, X[s / H][t], p, n)</c> — row s mod H of U against sequence s / H's input row — together
/// the B × n inputs X_t (gathered once per step, <see cref="SequenceBatches.CopyRows"/>) times Uᵀ. Those products are
/// written once per step into the next state's row (<c>DenseRuntime.MultiplyInto</c>, then <c>MultiplyAdd</c>: the dense
/// kernel), before the loop; the loop reads its entry s there instead of the first dot (and 0 for the others), then
/// writes state s over what it read.
/// </summary>
/// <remarks>
/// Applies when the width is B·H (<see cref="BatchSize"/>: B a constant of at least two rows, or the batch's size known
/// when the model runs, which the products, gathers and bias copies then take as their count), the dot's arguments read
/// no variable the loop body sets, and the product is not written over a row it reads (the next row: a fold's step reads the previous one).
/// </remarks>
internal static class BatchedStepProduct
{
    /// <summary>The products (and gathers) before the loop and the loop's body reading them, or null when the body has no such dot.</summary>
    /// <param name="component">The component index s.</param>
    /// <param name="width">The loop's count, B·H.</param>
    /// <param name="body">The component loop's body.</param>
    /// <param name="states">The fold's buffer of states.</param>
    /// <param name="next">The position of component s of the next state (reads s).</param>
    /// <param name="start">The position of the next state's component 0.</param>
    /// <param name="pool">The buffer pool (the gathered inputs go to its scratch row; the kernel's accumulation takes it).</param>
    /// <param name="invariants">Where the fold keeps copies made before its loop (Wᵀ with contiguous rows), if it does.</param>
    public static (Expression Before, Expression? Body)? TryLift(ParameterExpression component, Expression width, Expression body, ParameterExpression states,
        Expression next, Expression start, Expression pool, FoldInvariants? invariants)
    {
        var set = SetIn(body);
        var rows = Expression.Variable(typeof(double[]), "inputs");
        List<(MethodCallExpression Call, Expression W, BatchRows.Row Unit, Expression Batch, Block Block, int Width)> dots = [];
        foreach (var call in Calls(body))
        {
            if (call.Arguments is not [var a, var aOffset, var b, var bOffset, ConstantExpression { Value: int n }] || n <= 0) continue;
            if (call.Arguments.Take(4).Any(argument => ExpressionChildren.Mentions(argument, set.Contains))) continue;
            if ((Operands(a, aOffset, b, bOffset, component, width) ?? Operands(b, bOffset, a, aOffset, component, width)) is var (w, unit, batch, block))
                dots.Add((call, w, unit, batch, block, n));
        }
        if (dots.Count == 0) return null;
        // Several dots are one row only where they are terms of one sum (b + W·h + U·x_t); else the first alone is lifted.
        if (dots.Count > 1 && !SummedTogether(body, [.. dots.Select(d => (Expression)d.Call)])) dots = [dots[0]];
        // The first dot reads the row the products wrote, the others nothing.
        var lifted = new Replace(dots.Select((d, k) => (d.Call, To: k == 0 ? (Expression)Expression.ArrayIndex(states, next) : Lifted)).ToDictionary(d => (Expression)d.Call, d => d.To)).Visit(body)!;
        // A loop left adding a row of biases to the products (b + W·h + U·x_t) is that row copied to each sequence's first.
        var bias = BiasRow(lifted, component, states, next, set, dots[0].Unit.Units);
        List<(BatchRows.InputRow Row, Expression Batch, Expression Offset, int Width, Expression At)> gathers = [];
        List<Expression> products = [];
        // The entries gathered so far: Σ B·n (B a constant, or the batch's size when the model runs).
        Expression gathered = Expression.Constant(0);
        foreach (var (_, w, unit, batch, block, n) in dots)
        {
            var h = unit.Units;
            // The B × n block the dots read: rows of one of the model's arrays, or the inputs, gathered after those gathered before.
            Expression[] left;
            if (block.Input is { } input)
            {
                gathers.Add((input, batch, block.Offset, n, gathered));
                left = [rows, gathered, Expression.Constant(n), Expression.Constant(1)];
                gathered = AffineIndex.Add(gathered, AffineIndex.Multiply(batch, Expression.Constant(n)));
            }
            else left = [block.Array!, block.Offset, Expression.Constant(block.Stride), Expression.Constant(1)];
            // C[b, j] (+)= Σ_k A[b, k]·W[rest + j·c + k], written at start + b·H + j, which is component s = b·H + j: Wᵀ read in
            // place (rows of stride 1), or its copy made before the fold's loop (contiguous rows of H).
            Expression[] target = [states, start, Expression.Constant(h), Expression.Constant(1), batch, Expression.Constant(h), Expression.Constant(n), .. left];
            Expression[] inPlace = [w, unit.Rest, Expression.Constant(1), Expression.Constant(unit.Stride)];
            Expression[] right = invariants?.Transposed(w, unit.Rest, h, n, unit.Stride) is var (copy, at2) ? [copy, at2, Expression.Constant(h), Expression.Constant(1)] : inPlace;
            var first = products.Count == 0 && bias is null;
            var product = Product(first, [.. target, .. right]);
            if (right != inPlace) invariants!.InPlace(product, Product(first, [.. target, .. inPlace]));
            products.Add(product);
        }
        var sequence = Expression.Variable(typeof(int), "sequence");
        var (h0, b0) = (dots[0].Unit.Units, dots[0].Batch);
        List<Expression> before = [
            .. gathers.Count == 0 ? [] : new[] { Expression.Assign(rows, Expression.Call(RowMaps.ScratchMethod, pool, gathered)) },
            .. gathers.Select(g => BatchRows.Gather(g.Row, g.Batch, g.Offset, g.Width, rows, g.At)),
            .. bias is var (array, rest) ? new[] { Expression.Block([sequence], Loops.For(sequence, b0, Expression.Call(RowMaps.CopyMethod,
                array, rest, states, Expression.Add(start, Expression.Multiply(sequence, Expression.Constant(h0))), Expression.Constant(h0)))) } : [],
            .. products];
        return (Expression.Block(typeof(void), gathers.Count == 0 ? [] : [rows], before), bias is null ? lifted : null);

        // The first product writes the next row, the others add to it.
        MethodCallExpression Product(bool first, Expression[] arguments) => first
            ? Expression.Call(RuntimeEntryPoints.ForArray(typeof(double[])).MultiplyInto, arguments)
            : Expression.Call(DenseRuntime.MultiplyAddMethod, [pool, .. arguments]);
    }

    /// <summary>
    /// The row of biases of a body <c>states[next] = A[rest + s mod H] + states[next]</c> (what is left of b + W·h + U·x_t
    /// once the products are lifted): A and rest; null for any other body.
    /// </summary>
    private static (Expression Array, Expression Offset)? BiasRow(Expression body, ParameterExpression s, ParameterExpression states, Expression next, HashSet<ParameterExpression> set, int h)
    {
        while (body is BlockExpression block && block.Expressions.Where(e => e is not DefaultExpression).ToList() is [var only]
            && !ExpressionChildren.Mentions(only, block.Variables.Contains)) body = only;
        if (body is not BinaryExpression { NodeType: ExpressionType.Assign, Left: IndexExpression { Object: var written, Arguments: [var at] }, Right: BinaryExpression { NodeType: ExpressionType.Add, Method: null } sum }
            || written != states || at != next) return null;
        var (left, right) = (Unwrapped(sum.Left), Unwrapped(sum.Right));
        var other = right is BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: var r, Right: var ri } && r == states && ri == next ? left
            : left is BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: var l, Right: var li } && l == states && li == next ? right : null;
        return other is BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: var array, Right: var index } && array.Type == typeof(double[]) && array != states
            && BatchRows.Of(index, s) is { Kind: BatchRows.Kind.Unit, Stride: 1 } row && row.Units == h
            && !ExpressionChildren.Mentions(array, s) && !ExpressionChildren.Mentions(array, set.Contains) && !ExpressionChildren.Mentions(row.Rest, set.Contains)
            ? (array, row.Rest) : null;
    }

    /// <summary>Whether some sum in the body has all the calls among its terms (a term may be a block ending in the call: a row program's dot).</summary>
    private static bool SummedTogether(Expression body, IReadOnlyList<Expression> calls)
    {
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is BinaryExpression { NodeType: ExpressionType.Add, Method: null } sum && calls.All(Terms(sum).Contains)) return true;
            foreach (var child in ExpressionChildren.Of(e)) pending.Push(child);
        }
        return false;

        static HashSet<Expression> Terms(BinaryExpression sum)
        {
            var terms = new HashSet<Expression>();
            var operands = new Stack<Expression>([sum.Left, sum.Right]);
            while (operands.TryPop(out var operand))
            {
                while (operand is BlockExpression { Expressions: [.., var last] }) operand = last;
                if (operand is BinaryExpression { NodeType: ExpressionType.Add, Method: null } inner) { operands.Push(inner.Left); operands.Push(inner.Right); }
                else terms.Add(operand);
            }
            return terms;
        }
    }

    /// <summary>A value out of the blocks of one expression it sits in (what the replaced dot's block of a row program leaves).</summary>
    private static Expression Unwrapped(Expression e)
    {
        while (e is BlockExpression { Variables.Count: 0, Expressions: [var only] }) e = only;
        return e;
    }

    /// <summary>The B-row block a dot reads: rows of an array (<paramref name="Array"/>, its first row's offset and the rows' stride), or input rows gathered.</summary>
    private readonly record struct Block(Expression? Array, BatchRows.InputRow? Input, Expression Offset, int Stride);

    /// <summary>
    /// A dot of a row of W (picked by the unit) with a row of a B-row block (picked by the sequence, in one of the model's
    /// arrays, or an input row of a jagged sequence): W, its row, and the block. Null when the dot is no such pair.
    /// </summary>
    private static (Expression W, BatchRows.Row Unit, Expression Batch, Block Block)? Operands(Expression w, Expression wOffset, Expression other, Expression otherOffset, ParameterExpression s, Expression width)
    {
        if (BatchRows.Of(wOffset, s) is not { Kind: BatchRows.Kind.Unit } unit || BatchSize.Of(width, unit.Units) is not { } batch || ExpressionChildren.Mentions(w, s)) return null;
        if (BatchRows.Input(other, s) is { } input)
            return input.Units == unit.Units && !ExpressionChildren.Mentions(otherOffset, s) ? (w, unit, batch, new Block(null, input, otherOffset, 0)) : null;
        return BatchRows.Of(otherOffset, s) is { Kind: BatchRows.Kind.Sequence } rows && rows.Units == unit.Units && !ExpressionChildren.Mentions(other, s)
            ? (w, unit, batch, new Block(other, null, rows.Rest, rows.Stride))
            : null;
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

    // What a dot after the first reads: nothing (its product was added into the row the first one reads), dropped from its sum.
    private static readonly ConstantExpression Lifted = Expression.Constant(0.0);

    private sealed class Replace(Dictionary<Expression, Expression> replacements) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node is not null && replacements.TryGetValue(node, out var to) ? to : base.Visit(node);

        // The row program's dot is a block (its prelude, then the call): a block of nothing but the lifted dot is nothing.
        protected override Expression VisitBlock(BlockExpression node)
        {
            var visited = base.VisitBlock(node);
            return visited is BlockExpression { Variables.Count: 0, Expressions: [var only] } && only == Lifted ? Lifted : visited;
        }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            var visited = base.VisitBinary(node);
            return visited is BinaryExpression { NodeType: ExpressionType.Add, Method: null } sum && sum.Type == typeof(double)
                ? sum.Right == Lifted ? sum.Left : sum.Left == Lifted ? sum.Right : sum
                : visited;
        }
    }
}
