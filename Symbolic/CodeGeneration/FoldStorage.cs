using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The plan-folds pass: how much of each fold and each backward sweep is kept. A sweep whose rows are read after it
/// only at row 0 (λ_0) and at its accumulators (every gradient whose step reads no <c>x[t]</c>) keeps two rows of
/// adjoints, row t at (t mod 2)·W, plus the accumulators. With <see cref="FoldCheckpointing"/> other than every state,
/// a fold whose rows at a step are read only inside such a sweep keeps every k-th state (<see cref="FoldCheckpointLayout"/>)
/// and its sweep recomputes each segment forward before running it backwards. The pass rewrites the positions of the
/// IR (the fold's state reads by a shift the emitted loops set at each step, the sweep's rows modulo 2W), so that
/// everything that reads a buffer, kernel calls included, reads it as laid out.
/// </summary>
internal static class FoldStorage
{
    /// <summary>The roots with the buffers' positions laid out, and the plan the emitter follows.</summary>
    public static (Node[] Roots, FoldStoragePlan Plan) Apply(NodeGraph g, Node[] roots, FoldCheckpointing checkpointing)
    {
        var reachable = GraphTraversal.Reachable(roots);
        var sweeps = reachable.OfType<ReverseFoldNode>().ToList();
        if (sweeps.Count == 0) return (roots, FoldStoragePlan.None);
        var rowReads = reachable.OfType<FoldReadNode>().Where(r => Reads(r.Position, r.Fold.Index)).Select(r => r.Fold).ToHashSet();
        var twoRows = sweeps.Where(s => !rowReads.Contains(s)).ToDictionary(s => s.States,
            s => (Sweep: s, Base: s.Width is ConstantExpression { Value: int w } ? Expression.Constant(2 * w) : (Expression)Expression.Multiply(Expression.Constant(2), s.Width)));
        var checkpointed = new Dictionary<ParameterExpression, (FoldNode Fold, ReverseFoldNode Sweep, CheckpointedFold Layout)>();
        if (checkpointing.Recomputes)
            foreach (var (sweep, _) in twoRows.Values)
            {
                var folds = reachable.OfType<FoldNode>().Where(f => f.Index == sweep.Index).ToList();
                if (folds.Count != 1 || sweeps.Count(s => s.Index == sweep.Index) != 1) continue;
                var fold = folds[0];
                // The fold's rows at a step may be read only inside its sweep, where the recomputed segment is at hand.
                var elsewhere = GraphTraversal.Reachable(roots, n => n == sweep);
                if (elsewhere.OfType<FoldReadNode>().Any(r => r.Fold == fold && Reads(r.Position, fold.Index))) continue;
                var layout = new CheckpointedFold(FoldCheckpointLayout.Of(fold, checkpointing), Expression.Variable(typeof(int), "shift"), checkpointing);
                checkpointed[fold.States] = (fold, sweep, layout);
            }

        Expression TwoRows(ParameterExpression states, Expression position)
        {
            var (sweep, start) = twoRows[states];
            if (sweep.IsAccumulator(position, out var slot)) return Expression.Add(start, slot);
            // A width known only when the model runs: row r's component c (proved or checked in 0 … W − 1 by lowering) at
            // (r mod 2)·W + c, not (r·W + c) mod 2W, a division by a run-time number at every read.
            if (sweep.Width is not ConstantExpression && RowOf(position, sweep.Width) is var (row, component))
                return StateLoopNode.Position(Expression.Modulo(row, Expression.Constant(2)), sweep.Width, component);
            return Expression.Modulo(position, start);
        }
        IndexedElementNode Element(IndexedElementNode e) => twoRows.ContainsKey(e.Array) ? g.IndexedElement(e.Array, TwoRows(e.Array, e.Index)) : e;

        var map = new Dictionary<Node, Node>();
        Node Mapped(Node node) => map.GetValueOrDefault(node) ?? node;
        foreach (var node in reachable)
        {
            var children = node.Children.ToArray();
            map[node] = node switch
            {
                IndexedElementNode e when checkpointed.TryGetValue(e.Array, out var c) => g.IndexedElement(e.Array, Expression.Add(e.Index, c.Layout.Shift)),
                IndexedElementNode e when twoRows.ContainsKey(e.Array) => Element(e),
                FoldReadNode r when checkpointed.TryGetValue(r.Fold.States, out var c) && r.Fold == c.Fold =>
                    g.FoldRead((StateLoopNode)Mapped(r.Fold), Expression.Add(r.Position, Reads(r.Position, r.Fold.Index) ? c.Layout.Shift : c.Layout.Layout.FinalShift)),
                FoldReadNode r when r.Fold is ReverseFoldNode && twoRows.ContainsKey(r.Fold.States) => g.FoldRead((StateLoopNode)Mapped(r.Fold), TwoRows(r.Fold.States, r.Position)),
                ReverseFoldNode s when twoRows.TryGetValue(s.States, out var two) => g.ReverseFold(s,
                    [.. s.SeedScatters.Select(x => (Element(x.Element), Mapped(x.Adjoint)))],
                    [.. s.StepScatters.Select(x => (Element(x.Element), Mapped(x.Adjoint)))], two.Base),
                _ => children.All(c => ReferenceEquals(Mapped(c), c)) ? node : g.Rebuild(node, k => Mapped(children[k])),
            };
        }

        var foldPlan = checkpointed.Values.ToDictionary(c => (FoldNode)Mapped(c.Fold), c => c.Layout);
        var sweepPlan = twoRows.Values.ToDictionary(s => (ReverseFoldNode)Mapped(s.Sweep),
            s => new TwoRowSweep(checkpointed.Values.Where(c => c.Sweep == s.Sweep).Select(c => (FoldNode)Mapped(c.Fold)).FirstOrDefault()));
        return ([.. roots.Select(Mapped)], new FoldStoragePlan(foldPlan, sweepPlan));
    }

    /// <summary>The row and component of a position r·W + c (or r·W) as <see cref="StateLoopNode.Position"/> writes it, W the width; else null.</summary>
    private static (Expression Row, Expression Component)? RowOf(Expression position, Expression width) => position switch
    {
        BinaryExpression { NodeType: ExpressionType.Add, Method: null, Left: BinaryExpression { NodeType: ExpressionType.Multiply, Method: null } start } sum
            when Diagnostics.SameExpression.Equal(start.Right, width) => (start.Left, sum.Right),
        BinaryExpression { NodeType: ExpressionType.Multiply, Method: null } start when Diagnostics.SameExpression.Equal(start.Right, width) => (start.Left, Expression.Constant(0)),
        _ => null,
    };

    /// <summary>Whether <paramref name="expression"/> reads <paramref name="parameter"/>.</summary>
    private static bool Reads(Expression expression, ParameterExpression parameter)
    {
        var pending = new Stack<Expression>([expression]);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (e == parameter) return true;
            foreach (var child in Diagnostics.ExpressionChildren.Of(e)) pending.Push(child);
        }
        return false;
    }
}
