using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>
/// The outside inputs of a fold's step whose adjoints the backward sweep accumulates while it runs (Σ_t λ_{t+1} ·
/// ∂step/∂input, added to at each step while that step's state is at hand): every active input that does not read the
/// step index and is either read once per step (a parameter, a value computed before the loop) or an array element
/// read inside loops of the step (w[H·j + k] in a dense layer per step: one accumulator per iteration of those loops,
/// whose counts must read no loop index). Reverse mode sees each such input through a proxy, an element of a buffer
/// that is never emitted, at a position that reads the step index, so that its adjoint comes back per step (a scatter)
/// rather than summed over the steps.
/// </summary>
/// <param name="Inputs">
/// Each accumulated input; its proxy; its accumulator's offset from the first (an int expression of the step's inner
/// indices); the node that receives the total after the sweep (the input, or for an element read in the step's loops
/// the same element at indices of loops of its own, outside the step's, since the step's loops live in the step index's)
/// and the offset it reads the total at.
/// </param>
/// <param name="Slots">How many accumulators there are (an int expression that reads no loop index).</param>
internal sealed record FoldAccumulators(IReadOnlyList<(Node Input, IndexedElementNode Proxy, Expression Slot, Node Receiver, Expression ReceiverSlot)> Inputs, Expression Slots)
{
    /// <summary>
    /// The accumulated inputs of <paramref name="fold"/>, found from its active inputs <paramref name="outside"/>: an input
    /// that cannot be accumulated (it reads the step index, like U·x_t, or is computed inside the step's loops) is looked
    /// through to its active operands, down to inputs that can be or to leaves that cannot (x[t]), which are returned in
    /// <see cref="Summed"/> (their adjoints are read per step after the sweep).
    /// </summary>
    public static FoldAccumulators Of(NodeGraph g, FoldNode fold, IReadOnlyList<Node> outside, Func<Node, bool> isActive)
    {
        var proxies = Expression.Parameter(typeof(double[]), "inputs");
        var chosen = new List<(Node Input, Expression Slot, Node Receiver, Expression ReceiverSlot)>();
        var summed = new List<Node>();
        Expression total = Expression.Constant(0);
        var seen = new HashSet<Node>();
        var pending = new Stack<Node>(outside.Reverse());
        while (pending.Count > 0)
        {
            var input = pending.Pop();
            if (!seen.Add(input)) continue;
            if (Inner(g, fold, input) is not { } inner)
            {
                // Only scalar arithmetic is looked through: a nested fold, a matrix product and their reads are differentiated as a whole.
                if (input is not (UnaryNode or BinaryNode or PowerNode or ConditionalNode or SumNode)) summed.Add(input);
                else foreach (var child in input.Children.ToArray().Reverse()) if (isActive(child)) pending.Push(child);
                continue;
            }
            // Row-major over the inner indices: ((i₁·c₂ + i₂)·c₃ + i₃)…
            Expression local = Expression.Constant(0), size = Expression.Constant(1);
            foreach (var (_, count, at, _) in inner) (local, size) = (Plus(Times(local, count), at), Times(size, count));
            var slot = Plus(total, local);
            chosen.Add(inner.Count == 0 ? (input, slot, input, slot) : Renamed(g, fold, (IndexedElementNode)input, slot, inner));
            total = Plus(total, size);
        }
        var inputs = chosen.Select(c => (c.Input, g.IndexedElement(proxies, Plus(Times(fold.Index, total), c.Slot)), c.Slot, c.Receiver, c.ReceiverSlot)).ToList();
        return new FoldAccumulators(inputs, total) { Summed = summed };
    }

    /// <summary>The inputs read per step after the sweep (not accumulated).</summary>
    public IReadOnlyList<Node> Summed { get; init; } = [];

    /// <summary>
    /// The indices of the step's own loops an accumulable input lives in, with their counts and the accumulator's position
    /// along each (the index); null if it cannot be accumulated: it reads the step index, a count reads a loop index, or it
    /// lives in the step's loops and is no array element. An element that reads an index i only as i mod c (c ≤ i's
    /// constant count; for a count known only when the model runs, the first min(count, c) are written and read: a batched fold's
    /// w[H·(s mod H) + k]) has c accumulators along i, at i mod c, not one per i: the
    /// iterations that read one element add into one accumulator (an H × H gradient of W for a batch of B·H components).
    /// </summary>
    private static List<(ParameterExpression Index, Expression Count, Expression At, Expression Runs)>? Inner(NodeGraph g, FoldNode fold, Node input)
    {
        // Free indices are closed over enclosing loops (a component index lives in the step's loop): what counts is what the input reads.
        if (input.Reads.Contains(fold.Index)) return null;
        var inner = input.FreeIndices.Where(i => i != fold.Index && !fold.FreeIndices.Contains(i)).OrderBy(g.DepthOf)
            .Select(i => (Index: i, Count: Runtime.LinqRuntime.Dimension(g.CountOf(i)), At: (Expression)i, Runs: Runtime.LinqRuntime.Dimension(g.CountOf(i)))).ToList();
        if (inner.Any(i => g.ReadsLoopIndex(i.Count) || i.Count is ConstantExpression { Value: 0 })) return null;
        if (inner.Count > 0 && input is not IndexedElementNode) return null;
        for (var k = 0; k < inner.Count; k++)
        {
            if (Modulus(((IndexedElementNode)input).Index, inner[k].Index) is not { Right: ConstantExpression { Value: int c } } modulo) continue;
            if (inner[k].Count is ConstantExpression { Value: int count })
            {
                if (c <= count) inner[k] = (inner[k].Index, modulo.Right, modulo, modulo.Right);
            }
            // A count known only when the model runs (a batch of run-time size): c accumulators, of which the first min(count, c)
            // are written (i mod c is i below c) and read after the sweep; the layout stays constant.
            else inner[k] = (inner[k].Index, modulo.Right, modulo, Expression.Condition(Expression.LessThan(inner[k].Count, modulo.Right), inner[k].Count, modulo.Right));
        }
        return inner;
    }

    /// <summary>The one form <c>i mod c</c> (c a positive constant) in which <paramref name="e"/> reads <paramref name="i"/>, or null.</summary>
    private static BinaryExpression? Modulus(Expression e, ParameterExpression i)
    {
        BinaryExpression? found = null;
        var pending = new Stack<Expression>([e]);
        while (pending.TryPop(out var next))
        {
            if (next is BinaryExpression { NodeType: ExpressionType.Modulo, Method: null, Right: ConstantExpression { Value: int c and > 0 } } modulo && modulo.Left == i)
            {
                if (found is not null && ((ConstantExpression)found.Right).Value is int d && d != c) return null;
                found ??= modulo;
                continue;
            }
            if (next == i) return null;
            foreach (var child in ExpressionChildren.Of(next)) pending.Push(child);
        }
        return found;
    }

    /// <summary>
    /// The element and its slot at fresh indices over the accumulators' counts, nested in the loops the fold lives in (an
    /// index read as i mod c becomes a fresh index over c in place of i mod c).
    /// </summary>
    private static (Node, Expression, Node, Expression) Renamed(NodeGraph g, FoldNode fold, IndexedElementNode input, Expression slot,
        List<(ParameterExpression Index, Expression Count, Expression At, Expression Runs)> inner)
    {
        var renames = new Dictionary<Expression, Expression>();
        var enclosing = g.EnclosingOf(fold.Index);
        foreach (var (index, _, at, runs) in inner)
        {
            var fresh = Expression.Parameter(typeof(int), index.Name + "'");
            g.DeclareIndex(fresh, at == index ? g.CountOf(index) : runs, enclosing);
            renames[at] = enclosing = fresh;
        }
        var substitution = new Renames(renames);
        return (input, slot, g.IndexedElement(input.Array, substitution.Visit(input.Index)!), substitution.Visit(slot)!);
    }

    /// <summary>Each index, or each i mod c read in its place, replaced by its fresh index.</summary>
    private sealed class Renames(Dictionary<Expression, Expression> renames) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) =>
            node switch
            {
                null => null,
                _ when renames.TryGetValue(node, out var to) => to,
                BinaryExpression { NodeType: ExpressionType.Modulo, Left: ParameterExpression i, Right: ConstantExpression { Value: int c } }
                    when renames.Keys.OfType<BinaryExpression>().FirstOrDefault(m => m.Left == i && ((ConstantExpression)m.Right).Value is int d && d == c) is { } at => renames[at],
                _ => base.Visit(node),
            };
    }

    private static Expression Plus(Expression a, Expression b) => (a, b) switch
    {
        (ConstantExpression { Value: 0 }, _) => b,
        (_, ConstantExpression { Value: 0 }) => a,
        (ConstantExpression { Value: int x }, ConstantExpression { Value: int y }) => Expression.Constant(x + y),
        _ => Expression.Add(a, b),
    };

    private static Expression Times(Expression a, Expression b) => (a, b) switch
    {
        (ConstantExpression { Value: 0 }, _) or (_, ConstantExpression { Value: 0 }) => Expression.Constant(0),
        (ConstantExpression { Value: 1 }, _) => b,
        (_, ConstantExpression { Value: 1 }) => a,
        (ConstantExpression { Value: int x }, ConstantExpression { Value: int y }) => Expression.Constant(x * y),
        _ => Expression.Multiply(a, b),
    };
}
