using System.Linq.Expressions;
using Symbolic.Differentiation;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The schedule phase of code generation: runs the analyses (<see cref="MayThrowAnalysis"/>,
/// <see cref="LoopInvariants"/>, <see cref="BranchPlacement"/>, <see cref="SinCosPairing"/>,
/// <see cref="LoopFusion"/>, <see cref="ScatterGrouping"/>) over one procedure and decides which nodes get a
/// local, then schedules each loop body the same way. Emits nothing: <see cref="ExpressionEmitter"/> reads the result.
/// </summary>
/// <remarks>
/// An instance lives for one procedure's schedule; its fields are that procedure's analyses and their memos.
/// Loop bodies are scheduled by instances of their own, nested as deep as the model's loops.
/// </remarks>
internal sealed partial class ProcedureScheduler
{
    // Single-use nodes are inlined up to this depth, so the emitted tree stays shallow and Compile() never recurses deeply.
    private const int MaxInlineDepth = 12;

    private readonly EmitOptions _options;
    private readonly IReadOnlyList<ParameterExpression> _bound;
    private readonly HashSet<ParameterExpression> _boundSet;
    private readonly Func<Node, bool> _isAvailable;
    private readonly MayThrowAnalysis _mayThrow;
    private readonly LoopInvariants _invariants;
    private readonly Dictionary<Node, Dense.StridedView?> _views = [];
    private readonly StateBufferReads _stateReads;
    // The folds whose step is computed once per step, then per component (see ProcedureScheduler.Folds).
    private readonly Dictionary<Node, FoldStepSplit> _foldSteps = [];

    private ProcedureScheduler(EmitOptions options, IReadOnlyList<ParameterExpression> bound, Func<Node, bool> isAvailable, IReadOnlyList<Node> outputs, StateBufferReads stateReads)
    {
        (_options, _bound, _boundSet, _isAvailable, _stateReads) = (options, bound, [.. bound], isAvailable, stateReads);
        // Inside a loop every output is accumulated; at the top, the procedure's shape may guard a write
        // (an entry beyond the gradient's length), so nothing there counts as computed anyway.
        _mayThrow = new MayThrowAnalysis(isAvailable, bound.Count > 0 ? MayThrowAnalysis.ComputedAnyway(outputs) : [], stateReads);
        _invariants = new LoopInvariants(IsEmittableHere, _mayThrow);
    }

    /// <summary>The schedule of a method computing <paramref name="outputs"/> and writing <paramref name="scatters"/>.</summary>
    public static ProcedureSchedule Schedule(IReadOnlyList<Node> outputs, EmitOptions options, ScatterPlan? scatters = null)
    {
        var stateReads = StateBufferReads.Of([.. outputs, .. (scatters?.Scatters ?? []).Select(s => s.Adjoint), .. (scatters?.Matrices ?? []).Select(m => m.Tensor)]);
        return new ProcedureScheduler(options, [], _ => false, outputs, stateReads).Schedule(outputs, scatters);
    }

    private ProcedureSchedule Nested(IEnumerable<ParameterExpression> bound, Func<Node, bool> isAvailable, IReadOnlyList<Node> outputs, ScatterPlan? scatters) =>
        new ProcedureScheduler(_options, [.. bound.Distinct()], isAvailable, outputs, _stateReads).Schedule(outputs, scatters);

    private ProcedureSchedule Schedule(IReadOnlyList<Node> outputs, ScatterPlan? scatters)
    {
        // Scatters whose indices are all bound here are written directly; the others need a loop over
        // their outermost unbound index, whose body binds it (and loops again for inner indices).
        var groups = scatters is null ? [] : ScatterGrouping.Groups(scatters, _boundSet);
        var direct = groups.Where(g => g.Index is null).SelectMany(g => g.Scatters).Select(s => new DirectScatter(s, ScatterGrouping.Guards(s.Adjoint))).ToList();
        var looped = groups.Where(g => g.Index is not null).ToList();
        var matrixInputs = (scatters?.Matrices ?? []).SelectMany(m => MatrixInputs(m.Tensor)).Distinct().ToList();
        List<Node> roots = [.. outputs, .. direct.Select(d => d.Scatter.Adjoint), .. direct.SelectMany(d => d.Guards.Select(g => g.Test)), .. matrixInputs];
        var frontiers = looped.Select(g => _invariants.Frontier(g.Scatters.Select(s => s.Adjoint), g.Index!, scatters!.CountOf(g.Index!))).ToList();
        var guardedByLoop = looped.Select((g, k) => GuardedInvariants.Of(g.Scatters.Select(s => s.Adjoint), frontiers[k], IsEmittableHere, _mayThrow)).ToList();
        // What only a guarded invariant reads is computed with it, under its test: the frontier stops there.
        for (var k = 0; k < looped.Count; k++)
            if (guardedByLoop[k].Count > 0)
                frontiers[k] = _invariants.Frontier(looped[k].Scatters.Select(s => s.Adjoint), looped[k].Index!, scatters!.CountOf(looped[k].Index!), guardedByLoop[k].Select(x => x.Node).ToHashSet());
        List<Node> loopInvariants = [.. frontiers.SelectMany(f => f)];
        List<(Node Node, Scope Scope)> guarded = [.. guardedByLoop.SelectMany(l => l).Select(g => (g.Node, new Scope(g.Test, g.Branch, Scope.Root))).Distinct()];

        List<Node> all = [.. roots, .. loopInvariants];
        var reachable = Reachable([.. all, .. guarded.Select(g => g.Node)]);
        var (placement, rematerialized) = BranchPlacement.Place(reachable, all, EmissionChildren, _mayThrow, guarded);
        // A guarded invariant used elsewhere too may end up in another scope: the loop then reads it from there, or computes it.
        var guardedHere = guarded.Where(g => placement[g.Node] == g.Scope && !rematerialized.Contains(g.Node)).ToDictionary(g => g.Node, g => g.Scope);
        var (locals, sinCos) = Locals(reachable, all, [.. loopInvariants, .. guardedHere.Keys], rematerialized);

        // What a loop body placed in a scope may read: values computed in that scope or an enclosing one.
        // A value placed in some conditional branch is not assigned when the loop runs elsewhere, so the loop computes its own.
        // Every node placed here is computed here or available from outside (and every node computed here is placed).
        Func<Node, bool> AvailableIn(Scope scope) => node => placement.TryGetValue(node, out var placed) ? placed.Encloses(scope) : _isAvailable(node);

        var fusion = _options.FuseLoops
            ? LoopFusion.Plan(reachable, placement, IsEmittableHere, [.. looped.Select(g => g.Index!)], GraphTraversal.Reachable(looped.SelectMany(g => g.Scatters.Select(s => s.Adjoint))).ToHashSet())
            : ([], []);
        var fused = new Dictionary<SumNode, FusedLoop>();
        var scatterSums = new Dictionary<ParameterExpression, FusedLoop>();
        foreach (var group in fusion.Groups)
        {
            var body = group.ScatterIndex is null
                ? Nested([.. _bound, group.Members[0].Index], AvailableIn(Scope.Root), [.. group.Members.Select(m => m.Body)], null)
                : null;
            var loop = new FusedLoop(group.Marker, group.Members, group.Accumulators, body);
            foreach (var member in group.Members) fused[member] = loop;
            if (group.ScatterIndex is { } index) scatterSums[index] = loop;
        }

        var bodies = new Dictionary<Node, ProcedureSchedule>();
        var seeds = new Dictionary<Node, ProcedureSchedule>();
        var recomputes = new Dictionary<Node, ProcedureSchedule>();
        foreach (var node in reachable)
        {
            if (node is SumNode sum && !fused.ContainsKey(sum)) bodies[sum] = Nested([.. _bound, sum.Index], AvailableIn(placement[sum]), [sum.Body], null);
            else if (node is ArgExtremumNode extremum) bodies[extremum] = Nested([.. _bound, extremum.Index], AvailableIn(placement[extremum]), [extremum.Body], null);
            else if (node is GridNode grid) bodies[grid] = Nested(_bound, AvailableIn(placement[grid]), [], FillPlan(grid));
            else if (node is StateLoopNode fold) (bodies[fold], seeds[fold]) = FoldBodies(fold, AvailableIn(placement[fold]));
            if (node is ReverseFoldNode sweep && _options.Folds.Sweeps.GetValueOrDefault(sweep)?.Recomputes is { } recomputed)
                recomputes[sweep] = FoldStep(recomputed, AvailableIn(placement[sweep]), sweep);
        }

        var scatterLoops = looped.Select((g, k) =>
        {
            var sums = scatterSums.GetValueOrDefault(g.Index!);
            List<Node> sumBodies = sums is null ? [] : [.. sums.Members.Select(m => m.Body)];
            // The loop reads its own guarded invariants, only under their tests (the emitter reads them after their guard block).
            var ownGuarded = guardedByLoop[k].Select(x => x.Node).Where(guardedHere.ContainsKey).ToHashSet();
            var rootAvailable = AvailableIn(Scope.Root);
            var body = Nested([.. _bound, g.Index!], node => rootAvailable(node) || ownGuarded.Contains(node), sumBodies, scatters! with { Scatters = g.Scatters, Matrices = [], Covering = null });
            // The covering is of every element scatter: this loop's scatters must be exactly those.
            if (scatters!.Covering is { } covering && _bound.Count == 0 && covering.Index == g.Index && covering.Scatters.Count == g.Scatters.Count)
                body = body with { Carry = CarriedWrite.Of(covering, _options.Element.Type) };
            return new ScatterLoop(g.Index!, g.Scatters, sums, body);
        }).ToList();

        return new ProcedureSchedule
        {
            Bound = _bound, IsAvailable = _isAvailable, Outputs = outputs, Roots = roots, LoopInvariants = loopInvariants,
            Reachable = reachable, Placement = placement, Rematerialized = rematerialized, Guarded = guardedHere, Locals = locals, SinCos = sinCos,
            Views = new Dictionary<Node, Dense.StridedView?>(_views), Fused = fused, Accumulators = fusion.Accumulators,
            Bodies = bodies, Seeds = seeds, Recomputes = recomputes, FoldSteps = new Dictionary<Node, FoldStepSplit>(_foldSteps), Scatters = scatters, Direct = direct, ScatterLoops = scatterLoops,
        };
    }

    /// <summary>
    /// Which nodes are computed once into a local, numbered in id order with the sin/cos pairs' locals (a
    /// pair's local is numbered at its first member): nodes used more than once, loop invariants (read at
    /// every iteration), materialised matrices, and nodes that would otherwise inline too deep.
    /// </summary>
    private (Dictionary<Node, int> Locals, Dictionary<Node, SinCosPair> SinCos) Locals(
        IReadOnlyList<Node> reachable, IReadOnlyList<Node> roots, IReadOnlyList<Node> loopInvariants, IReadOnlySet<Node> rematerialized)
    {
        var uses = reachable.ToDictionary(n => n, _ => 0);
        foreach (var node in reachable)
            foreach (var child in EmissionChildren(node))
                if (uses.ContainsKey(child)) uses[child]++;
        foreach (var root in roots)
            if (uses.ContainsKey(root)) uses[root]++;
        // A power emitted as a product reads its base several times.
        foreach (var node in reachable)
            if (node is PowerNode p && PowerProducts.Plan(_options, p.Exponent) >= 2 && uses.ContainsKey(p.Base)) uses[p.Base]++;
        // Loop invariants are read at every iteration: compute them once, into a local.
        var invariants = new HashSet<Node>(loopInvariants);
        foreach (var node in reachable)
            if (node is SumNode or ArgExtremumNode or GridNode or StateLoopNode) invariants.UnionWith(_invariants.Of(node));

        var pairs = _options.SinCos ? SinCosPairing.Pairs(reachable, rematerialized) : [];
        var sinCos = new Dictionary<Node, SinCosPair>();
        var locals = new Dictionary<Node, int>();
        var depth = new Dictionary<Node, int>();
        var count = 0;
        foreach (var node in reachable)
        {
            if (node is UnaryNode { Op: UnaryOp.Sin or UnaryOp.Cos } u && pairs.TryGetValue(u.Operand, out var pair) && !sinCos.ContainsKey(u.Operand))
                sinCos[u.Operand] = pair with { Local = ++count };
            var inlineDepth = 1;
            foreach (var child in node.Children) inlineDepth = Math.Max(inlineDepth, depth.GetValueOrDefault(child) + 1);
            var isLeaf = node is ConstantNode or VariableNode;
            if (!isLeaf && !rematerialized.Contains(node) && (uses[node] > 1 || inlineDepth > MaxInlineDepth || invariants.Contains(node) || node is TensorNode or StateLoopNode
                || RowBlocking.IsBlockedMap(_options.RowBlocks, _bound, node)))
            {
                locals[node] = ++count;
                inlineDepth = 0;
            }
            depth[node] = inlineDepth;
        }
        return (locals, sinCos);
    }

    private bool IsEmittableHere(Node node) => node.FreeIndices.All(_boundSet.Contains);

    /// <summary>
    /// What this procedure computes for a node: its children, except that a loop's body is computed by the
    /// loop's own procedure, and only the body's loop invariants (its frontier) are computed here, once, before the loop.
    /// </summary>
    private IEnumerable<Node> EmissionChildren(Node node) => node switch
    {
        SumNode or ArgExtremumNode or GridNode or StateLoopNode => _invariants.Of(node),
        // A product reads a grid that is a strided view of an array in place: the grid itself is not computed.
        MatMulNode m => m.Children.ToArray().Where(operand => ViewOf(operand) is null),
        _ => node.Children.ToArray(),
    };

    private Dense.StridedView? ViewOf(Node operand)
    {
        if (!_views.TryGetValue(operand, out var view)) _views[operand] = view = operand is GridNode grid ? Dense.StridedView.Of(grid) : null;
        return view;
    }

    /// <summary>The nodes a matrix scatter reads: a product's operands (not the product, which the kernel adds straight into the target), or the matrix.</summary>
    private IEnumerable<Node> MatrixInputs(TensorNode tensor) =>
        tensor is MatMulNode m ? m.Children.ToArray().Where(operand => ViewOf(operand) is null) : [tensor];

    /// <summary>
    /// A fold's step (bound: the step and component indices; its value is the next state's component) and seed
    /// (bound: the seed's component index); a reverse fold's step (bound: the step index) and start, both scatters into its buffer.
    /// </summary>
    private (ProcedureSchedule Step, ProcedureSchedule Seed) FoldBodies(StateLoopNode loop, Func<Node, bool> available) => loop switch
    {
        FoldNode f => (FoldStep(f, available, f), Nested([.. _bound, f.SeedComponent], available, [f.Seed], null)),
        ReverseFoldNode b => (Nested([.. _bound, b.Index], available, [], FoldPlan(b, b.StepScatters)), Nested(_bound, available, [], FoldPlan(b, b.SeedScatters))),
        _ => throw new InvalidOperationException($"{loop.GetType().Name} is not a fold."),
    };

    private static ScatterPlan FoldPlan(ReverseFoldNode fold, IReadOnlyList<(IndexedElementNode Element, Node Adjoint)> scatters) =>
        new(fold.States, [.. scatters.Select(s => new Scatter(s.Element, s.Adjoint))],
            index => fold.Loops.First(l => l.Index == index).Count, index => fold.Loops.First(l => l.Index == index).Depth);

    /// <summary>A grid not written as row maps is filled by scatter loops over its own loops: <c>Target[cell] += Body</c>.</summary>
    private static ScatterPlan FillPlan(GridNode grid)
    {
        var loops = grid.Loops.Select(l => l.Index).ToList();
        return new ScatterPlan(grid.Target, [new Scatter(grid.Cell, grid.Body)],
            index => LinqRuntime.Dimension(grid.Loops[loops.IndexOf(index)].Count), loops.IndexOf);
    }

    /// <summary>The nodes this procedure computes, in id order: reachable through <see cref="EmissionChildren"/>, stopping at nodes an enclosing procedure computed.</summary>
    private List<Node> Reachable(IEnumerable<Node> roots)
    {
        var seen = new HashSet<Node>();
        var pending = new Stack<Node>();
        foreach (var root in roots)
            if (!_isAvailable(root) && seen.Add(root)) pending.Push(root);
        while (pending.Count > 0)
            foreach (var child in EmissionChildren(pending.Pop()))
                if (!_isAvailable(child) && seen.Add(child)) pending.Push(child);
        var ordered = seen.ToList();
        ordered.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return ordered;
    }
}
