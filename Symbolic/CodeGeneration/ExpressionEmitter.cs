using System.Linq.Expressions;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Turns graph nodes back into a LINQ expression in SSA form: every node used more than once becomes
/// one <see cref="BlockExpression"/> variable assigned in id (topological) order; single-use nodes are
/// inlined up to <see cref="MaxInlineDepth"/> levels, so the emitted tree is shallow whatever the depth
/// of the model and <c>Compile()</c> never recurses deeply.
/// </summary>
/// <remarks>
/// Each node is placed in the innermost conditional branch that contains all its uses, so work that
/// only a branch needs is done only when that branch is taken, and a guarded read
/// (<c>i &lt; data.Length ? data[i] : 0</c>) stays behind its guard.
/// </remarks>
internal sealed partial class ExpressionEmitter
{
    private const int MaxInlineDepth = 12;

    private readonly EmitOptions _options;
    private readonly Dictionary<Node, Expression> _emitted;
    private readonly List<ParameterExpression> _variables = [];
    private readonly Dictionary<Scope, List<Expression>> _statements = [];
    private Dictionary<Node, Scope> _placement = [];
    private readonly CapturedArrayHoister _hoister;
    // Loop indices in scope here: a node is emitted here only if every index it reads is bound.
    private readonly HashSet<ParameterExpression> _bound;
    private readonly Dictionary<Node, HashSet<Node>> _frontiers = [];
    private readonly Dictionary<SumNode, FusedLoop> _fused = [];
    // Scatter loops by index, and the sums computed in them (the loss's value in the gradient's pass).
    private readonly Dictionary<ParameterExpression, FusedLoop> _scatterLoops = [];
    private HashSet<Node> _readByScatters = [];
    private readonly List<ParameterExpression> _accumulators = [];

    private ExpressionEmitter(EmitOptions options, CapturedArrayHoister hoister, HashSet<ParameterExpression> bound, Dictionary<Node, Expression> externals)
    {
        (_options, _hoister, _bound) = (options, hoister, bound);
        _emitted = new Dictionary<Node, Expression>(externals);
    }

    /// <summary>
    /// Emits the outputs and delivers them as <paramref name="shape"/> says; the straight-line statements
    /// are scheduled by <see cref="StatementScheduler"/> (demand order, locals reused). Scattered adjoints
    /// (<paramref name="scatters"/>) become loops after the shape's sinks.
    /// </summary>
    public static Expression Emit(IReadOnlyList<Node> outputs, EmitOptions options, Func<IReadOnlyList<Expression>, ProcedureShape> shape, ScatterPlan? scatters = null)
    {
        var hoister = new CapturedArrayHoister();
        var body = new ExpressionEmitter(options, hoister, [], []).EmitProcedure(outputs, shape, scatters);
        if (hoister.Locals.Count == 0) return body;
        return Expression.Block(body.Type, hoister.Locals, [.. hoister.Assignments, body]);
    }

    /// <summary>Emits one double-valued output.</summary>
    public static Expression Emit(Node output, EmitOptions options) => Emit([output], options, values => ProcedureShape.Value(values[0]));

    private Expression EmitProcedure(IReadOnlyList<Node> outputs, Func<IReadOnlyList<Expression>, ProcedureShape> shape, ScatterPlan? scatters)
    {
        // Scatters whose indices are all bound here are written directly; the others need a loop over
        // their outermost unbound index, emitted by a nested emitter (which recurses for inner indices).
        // Inside a loop every output is accumulated; at the top, the procedure's shape may guard a write
        // (an entry beyond the gradient's length), so nothing there counts as computed anyway.
        if (_bound.Count > 0) _computedAnyway = ComputedAnyway(outputs);
        var groups = scatters is null ? [] : ScatterGroups(scatters);
        var direct = groups.Where(g => g.Index is null).SelectMany(g => g.Scatters).ToList();
        var looped = groups.Where(g => g.Index is not null).ToList();
        if (_options.FuseLoops)
        {
            foreach (var group in looped) _scatterLoops[group.Index!] = new FusedLoop(Expression.Variable(typeof(double), "pass"), [], []);
            _readByScatters = [.. GraphTraversal.Reachable(looped.SelectMany(g => g.Scatters.Select(s => s.Adjoint)))];
        }
        var guards = direct.Select(s => Guards(s.Adjoint)).ToList();
        var matrices = scatters?.Matrices ?? [];
        var matrixInputs = matrices.SelectMany(m => MatrixInputs(m.Tensor)).Distinct().ToList();
        var all = EmitAll([.. outputs, .. direct.Select(s => s.Adjoint), .. guards.SelectMany(g => g.Select(t => t.Test)), .. matrixInputs],
            [.. looped.SelectMany(g => Frontier(g.Scatters.Select(s => s.Adjoint), g.Index!, scatters!.CountOf(g.Index!)))]);
        var (locals, prologue, sinks, result) = shape([.. all.Take(outputs.Count)]);
        var guardValues = all.Skip(outputs.Count + direct.Count).GetEnumerator();
        var writes = direct.Select((s, k) => Guarded(guards[k], guardValues,
            Expression.AddAssign(Expression.ArrayAccess(scatters!.Target, s.Element.Index), all[outputs.Count + k]))).ToList();
        writes.AddRange(matrices.Select(m => BuildMatrixScatter(m, scatters!.Target)));
        var loops = looped.Select(g => EmitScatterLoop(g, scatters!)).OfType<Expression>().ToList();
        var definitions = StatementsIn(Scope.Root).Cast<BinaryExpression>().ToList();
        // Locals of loop bodies are named after their indices (i1, i2 ...), so they read apart from the method's (t1, t2 ...).
        var prefix = _bound.Count == 0 ? "t" : string.Concat(_bound.Select(i => i.Name));
        var (statements, scheduledResult, slots) = StatementScheduler.Schedule(definitions, [.. sinks, .. writes, .. loops], result, prefix, reuseLocals: _options.PrimalOf is null);
        var defined = definitions.Select(d => (ParameterExpression)d.Left).ToHashSet();
        var branchLocals = _variables.Where(v => !defined.Contains(v));
        List<ParameterExpression> variables = [.. locals, .. slots, .. branchLocals, .. _accumulators];
        List<Expression> body = [.. prologue, .. statements];
        return variables.Count == 0 && body.Count == 0 ? scheduledResult : Expression.Block(scheduledResult.Type, variables, [.. body, scheduledResult]);
    }

    /// <summary>
    /// What this emitter computes for a node: its children, except that a sum's body is emitted by
    /// a nested emitter inside the loop, and only the body's loop invariants (its frontier) are
    /// computed here, once, before the loop.
    /// </summary>
    private IEnumerable<Node> EmissionChildren(Node node) => node switch
    {
        SumNode or ArgExtremumNode or GridNode => FrontierOf(node),
        // A product reads a grid that is a strided view of an array in place: the grid itself is not computed.
        MatMulNode m => m.Children.ToArray().Where(operand => ViewOf(operand) is null),
        _ => node.Children.ToArray(),
    };

    private HashSet<Node> FrontierOf(Node loop)
    {
        if (!_frontiers.TryGetValue(loop, out var frontier)) _frontiers[loop] = frontier = Frontier([loop.Children[0]], LoopIndexOf(loop), LoopCountOf(loop));
        return frontier;
    }

    private static Expression LoopCountOf(Node loop) => loop switch
    {
        SumNode s => s.Count,
        ArgExtremumNode a => a.Count,
        GridNode g => g.Loops[0].Count,
        _ => throw new InvalidOperationException($"{loop.GetType().Name} is not a loop."),
    };

    /// <summary>Whether a loop of this count certainly runs: a positive constant (LINQ's range check included).</summary>
    private static bool CertainlyRuns(Expression count) => LinqRuntime.Dimension(count) is ConstantExpression { Value: int n } && n > 0;

    private static ParameterExpression LoopIndexOf(Node loop) => loop switch
    {
        SumNode s => s.Index,
        ArgExtremumNode a => a.Index,
        GridNode g => g.Loops[0].Index,
        _ => throw new InvalidOperationException($"{loop.GetType().Name} is not a loop."),
    };

    /// <summary>The first nodes below <paramref name="roots"/> that read no index unbound here (loop invariants).</summary>
    /// <param name="roots">What the loop computes.</param>
    /// <param name="loopIndex">The index the loop binds: a loop over an index already bound inside must be hoisted.</param>
    /// <param name="count">The loop's count: in a loop that certainly runs, a read that every iteration makes is hoisted too.</param>
    private HashSet<Node> Frontier(IEnumerable<Node> roots, ParameterExpression loopIndex, Expression count)
    {
        var frontier = new HashSet<Node>();
        // Each node with whether every iteration computes it (outside conditional branches and inner loops that may not run).
        var seen = new Dictionary<Node, bool>();
        var runs = CertainlyRuns(count);
        var pending = new Stack<(Node Node, bool Always)>(roots.Select(r => (r, runs)));
        while (pending.Count > 0)
        {
            var (node, always) = pending.Pop();
            if (seen.TryGetValue(node, out var before) && (before || !always)) continue;
            seen[node] = always;
            if (IsEmittableHere(node) && (!MayThrow(node) || BindsAgain(node, loopIndex) || always)) { frontier.Add(node); continue; }
            // A read that may throw (x[1], data[k], an empty Max) stays inside the loop unless every iteration
            // makes it: hoisted, it would run even when the loop (or its branch) does not, and throw where the model does not.
            switch (node)
            {
                case ConditionalNode c:
                    pending.Push((c.Test, always));
                    pending.Push((c.IfTrue, false));
                    pending.Push((c.IfFalse, false));
                    break;
                case SumNode or ArgExtremumNode:
                    pending.Push((node.Children[0], always && CertainlyRuns(LoopCountOf(node))));
                    break;
                default:
                    foreach (var child in node.Children) pending.Push((child, always));
                    break;
            }
        }
        return frontier;
    }

    private bool IsEmittableHere(Node node) => node.FreeIndices.All(_bound.Contains);

    /// <summary>A loop over the index the enclosing loop binds cannot be emitted inside it (the index would be bound twice): it is hoisted.</summary>
    private static bool BindsAgain(Node node, ParameterExpression loopIndex) => node switch
    {
        SumNode s => s.Index == loopIndex,
        ArgExtremumNode a => a.Index == loopIndex,
        _ => false,
    };

    /// <summary>
    /// What a loop emitted in <paramref name="scope"/> may reuse: values computed in that scope or an
    /// enclosing one. A value placed in some conditional branch is not assigned when the loop runs
    /// elsewhere, so the loop computes its own.
    /// </summary>
    private Dictionary<Node, Expression> AvailableAt(Scope scope)
    {
        var enclosing = new HashSet<Scope>();
        for (Scope? s = scope; s is not null; s = s.Parent) enclosing.Add(s);
        return _emitted.Where(e => !_placement.TryGetValue(e.Key, out var placed) || enclosing.Contains(placed)).ToDictionary();
    }

    private readonly Dictionary<Node, bool> _mayThrow = [];
    // Nodes this emitter computes on every path (outside branches and loop bodies): hoisting them cannot add a throw.
    private HashSet<Node> _computedAnyway = [];
    private Dictionary<Node, SinCosPair> _sinCosPairs = [];
    // Nodes written out at each use rather than computed once (see Placements).
    private readonly HashSet<Node> _rematerialized = [];

    /// <summary>
    /// The nodes the outputs need whatever branch is taken: everything reachable without entering a
    /// conditional's branches (its test is computed) or a loop's body (which may run zero times).
    /// </summary>
    private static HashSet<Node> ComputedAnyway(IEnumerable<Node> outputs)
    {
        var computed = new HashSet<Node>();
        var pending = new Stack<Node>(outputs);
        while (pending.TryPop(out var node))
        {
            if (!computed.Add(node)) continue;
            IEnumerable<Node> next = node switch
            {
                ConditionalNode c => [c.Test],
                SumNode or ArgExtremumNode or GridNode => [],
                _ => node.Children.ToArray(),
            };
            foreach (var child in next) pending.Push(child);
        }
        return computed;
    }

    /// <summary>Whether computing the node (beyond what is already computed) may throw: array reads, calls, loops that check emptiness.</summary>
    private bool MayThrow(Node root)
    {
        var pending = new Stack<(Node Node, bool Expanded)>();
        pending.Push((root, false));
        while (pending.Count > 0)
        {
            var (node, expanded) = pending.Pop();
            if (_mayThrow.ContainsKey(node)) continue;
            if (_emitted.ContainsKey(node) || _computedAnyway.Contains(node)) { _mayThrow[node] = false; continue; }
            // The arg-max behind Max/Min is computed wherever the Max is (LINQ evaluates the same reads and
            // throws on an empty sequence too), so it is always hoisted out of the sum that selects its term.
            // Materialised matrices are always computed once, at the top, like the arg-max (their reads are
            // the ones every iteration of the loops they replace would make).
            if (node is ArgExtremumNode or TensorNode) { _mayThrow[node] = false; continue; }
            var own = node switch
            {
                ElementNode or IndexedElementNode => true,
                OpaqueNode o => !IsPlainRead(o.Expression),
                CallNode c => !c.Rule.IsPure,
                _ => false,
            };
            if (own || node.Children.Length == 0) { _mayThrow[node] = own; continue; }
            if (!expanded)
            {
                pending.Push((node, true));
                foreach (var child in node.Children) pending.Push((child, false));
                continue;
            }
            var any = false;
            foreach (var child in node.Children) any |= _mayThrow[child];
            _mayThrow[node] = any;
        }
        return _mayThrow[root];
    }

    // Reading constants, parameters and fields (a captured variable) cannot throw; indexing and calls can.
    private static bool IsPlainRead(Expression e) => e switch
    {
        ConstantExpression or ParameterExpression => true,
        MemberExpression m => m.Expression is null || IsPlainRead(m.Expression),
        UnaryExpression { NodeType: ExpressionType.Convert } u => IsPlainRead(u.Operand),
        _ => false,
    };

    private IReadOnlyList<Expression> EmitAll(IReadOnlyList<Node> outputs, IReadOnlyList<Node> loopInvariants)
    {
        List<Node> roots = [.. outputs, .. loopInvariants];
        var reachable = Reachable(roots);
        var uses = reachable.ToDictionary(n => n, _ => 0);
        foreach (var node in reachable)
            foreach (var child in EmissionChildren(node))
                if (uses.ContainsKey(child)) uses[child]++;
        foreach (var root in roots)
            if (uses.ContainsKey(root)) uses[root]++;
        // A power emitted as a product reads its base several times.
        foreach (var node in reachable)
            if (node is PowerNode p && ProductPlan(p.Exponent) >= 2 && uses.ContainsKey(p.Base)) uses[p.Base]++;
        // Loop invariants are read at every iteration: compute them once, into a local.
        var invariants = new HashSet<Node>(loopInvariants);
        foreach (var node in reachable)
            if (node is SumNode or ArgExtremumNode or GridNode) invariants.UnionWith(FrontierOf(node));

        _placement = Placements(reachable, roots);
        _sinCosPairs = SinCosPairs(reachable);
        if (_options.FuseLoops) PlanFusion(reachable);
        var depth = new Dictionary<Node, int>();
        foreach (var node in reachable)
        {
            var expression = Build(node);
            var inlineDepth = 1;
            foreach (var child in node.Children) inlineDepth = Math.Max(inlineDepth, depth.GetValueOrDefault(child) + 1);
            var isLeaf = node is ConstantNode or VariableNode;
            if (!isLeaf && !_rematerialized.Contains(node) && (uses[node] > 1 || inlineDepth > MaxInlineDepth || invariants.Contains(node) || node is TensorNode))
            {
                var primal = _options.PrimalOf?.Invoke(node);
                var name = primal is null ? null : AdjointNotes.Name(primal, _emitted.GetValueOrDefault(primal));
                var variable = Expression.Variable(expression.Type, name ?? $"t{_variables.Count + 1}");
                _variables.Add(variable);
                var definition = Expression.Assign(variable, expression);
                if (primal is not null && AdjointNotes.Comment(primal) is { } comment) CodeComments.Attach(definition, comment);
                StatementsIn(_placement[node]).Add(definition);
                expression = variable;
                inlineDepth = 0;
            }
            _emitted[node] = expression;
            depth[node] = inlineDepth;
        }
        return [.. outputs.Select(o => _emitted[o])];
    }

    /// <summary>The nodes this emitter computes, in id order: reachable through <see cref="EmissionChildren"/>, stopping at nodes an enclosing emitter computed.</summary>
    private List<Node> Reachable(IEnumerable<Node> roots)
    {
        var seen = new HashSet<Node>();
        var pending = new Stack<Node>();
        foreach (var root in roots)
            if (!_emitted.ContainsKey(root) && seen.Add(root)) pending.Push(root);
        while (pending.Count > 0)
            foreach (var child in EmissionChildren(pending.Pop()))
                if (!_emitted.ContainsKey(child) && seen.Add(child)) pending.Push(child);
        var ordered = seen.ToList();
        ordered.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return ordered;
    }

    /// <summary>
    /// Groups sums over the same index and count, computed at the top level, none reading another, so
    /// that one loop computes them all and their bodies share work (the residual of a loss is computed
    /// once per row for the value and every gradient entry).
    /// </summary>
    private void PlanFusion(List<Node> reachable)
    {
        var candidates = reachable.OfType<SumNode>().Where(s => _placement[s] == Scope.Root && !ReadsAnotherLoop(s) && !JoinScatterLoop(s))
            .GroupBy(s => (s.Index, StructuralKey.For(s.Count)));
        foreach (var sameLoop in candidates)
        {
            var groups = new List<FusedLoop>();
            foreach (var sum in sameLoop)
            {
                var reads = GraphTraversal.Reachable([sum.Body]).OfType<SumNode>().ToHashSet();
                var group = groups.FirstOrDefault(g => !g.Members.Any(reads.Contains));
                if (group is null) groups.Add(group = new FusedLoop(Expression.Variable(typeof(double), "loop"), [], []));
                group.Members.Add(sum);
            }
            foreach (var group in groups.Where(g => g.Members.Count > 1))
                foreach (var member in group.Members)
                {
                    var accumulator = Expression.Variable(typeof(double), $"sum{_accumulators.Count + 1}");
                    group.Accumulators[member] = accumulator;
                    _accumulators.Add(accumulator);
                    _fused[member] = group;
                }
        }
    }

    /// <summary>
    /// A sum that needs the final value of another loop computed at this level (a gradient sum reading
    /// the loss's sum) is not fused: two fused loops could then each wait for the other.
    /// </summary>
    private bool ReadsAnotherLoop(SumNode sum) =>
        GraphTraversal.Reachable([sum.Body]).Any(n => n != sum && n is SumNode or ArgExtremumNode && IsEmittableHere(n));

    /// <summary>
    /// A sum over the index of a scatter loop, which the scattered adjoints do not read, is computed in
    /// that loop: value and gradient in one pass over the data.
    /// </summary>
    private bool JoinScatterLoop(SumNode sum)
    {
        if (!_scatterLoops.TryGetValue(sum.Index, out var loop) || _readByScatters.Contains(sum)) return false;
        if (ReadsAnotherLoop(sum)) return false;
        var accumulator = Expression.Variable(typeof(double), $"sum{_accumulators.Count + 1}");
        _accumulators.Add(accumulator);
        loop.Members.Add(sum);
        loop.Accumulators[sum] = accumulator;
        _fused[sum] = loop;
        return true;
    }

    /// <summary>
    /// A member of a fused loop reads its accumulator after the loop: <c>{ loop; sumₖ }</c>, where reading
    /// the loop's local makes the scheduler place the loop first. The loop itself is built at the
    /// last member (by then every member's loop invariants are emitted).
    /// </summary>
    private Expression BuildFusedMember(SumNode sum, FusedLoop loop)
    {
        if (sum == loop.Members[^1] && !_scatterLoops.ContainsValue(loop))
        {
            var nested = new ExpressionEmitter(_options, _hoister, [.. _bound, sum.Index], AvailableAt(Scope.Root));
            var body = nested.EmitProcedure([.. loop.Members.Select(m => m.Body)], values => new ProcedureShape([], [],
                [.. loop.Members.Select((m, k) => Expression.AddAssign(loop.Accumulators[m], values[k]))], Expression.Empty()), null);
            StatementsIn(Scope.Root).Add(Expression.Assign(loop.Marker, Expression.Block(
            [
                .. loop.Members.Select(m => Expression.Assign(loop.Accumulators[m], Expression.Constant(0.0))),
                Loops.For(sum.Index, sum.Count, body, inverted: _bound.Count == 0),
                loop.Accumulators[loop.Members[0]],
            ])));
        }
        return Expression.Block(loop.Marker, loop.Accumulators[sum]);
    }

    private sealed record FusedLoop(ParameterExpression Marker, List<SumNode> Members, Dictionary<SumNode, ParameterExpression> Accumulators);

    /// <summary>Σ body as a loop; the body is emitted by a nested emitter that binds the index.</summary>
    private Expression BuildSum(SumNode sum)
    {
        if (_fused.TryGetValue(sum, out var loop)) return BuildFusedMember(sum, loop);
        if (_options.VectorizeRowSums && VectorizedSum(sum) is { } vectorized) return vectorized;
        var nested = new ExpressionEmitter(_options, _hoister, [.. _bound, sum.Index], AvailableAt(_placement[sum]));
        var body = nested.EmitProcedure([sum.Body], values => ProcedureShape.Value(values[0]), null);
        var total = Expression.Variable(typeof(double), "sum");
        return Expression.Block([total],
            Expression.Assign(total, Expression.Constant(0.0)),
            Loops.For(sum.Index, sum.Count, Expression.AddAssign(total, body), inverted: _bound.Count == 0),
            total);
    }

    /// <summary>
    /// The first index of the largest (smallest) body value, as a double; an empty range throws
    /// InvalidOperationException, as LINQ's Max and Min do.
    /// </summary>
    private Expression BuildArgExtremum(ArgExtremumNode extremum)
    {
        var nested = new ExpressionEmitter(_options, _hoister, [.. _bound, extremum.Index], AvailableAt(_placement[extremum]));
        var body = nested.EmitProcedure([extremum.Body], values => ProcedureShape.Value(values[0]), null);
        var (best, bestIndex, value) = (Expression.Variable(typeof(double), "best"), Expression.Variable(typeof(int), "at"), Expression.Variable(typeof(double), "value"));
        var better = extremum.IsMax ? Expression.GreaterThan(value, best) : Expression.LessThan(value, best);
        var empty = Expression.Throw(Expression.New(typeof(InvalidOperationException).GetConstructor([typeof(string)])!, Expression.Constant("Sequence contains no elements")));
        return Expression.Block([best, bestIndex],
            Expression.Assign(best, Expression.Constant(double.NaN)),
            Expression.Assign(bestIndex, Expression.Constant(-1)),
            Loops.For(extremum.Index, extremum.Count, inverted: _bound.Count == 0, body: Expression.Block([value],
                Expression.Assign(value, body),
                Expression.IfThen(Expression.OrElse(Expression.LessThan(bestIndex, Expression.Constant(0)), better),
                    Expression.Block(Expression.Assign(best, value), Expression.Assign(bestIndex, extremum.Index))))),
            Expression.IfThen(Expression.LessThan(bestIndex, Expression.Constant(0)), empty),
            Expression.Convert(bestIndex, typeof(double)));
    }

    /// <summary>
    /// The tests under which a scattered adjoint is not zero (a Where filter, a conditional): the write
    /// itself must be guarded, since the index may be out of range where the filter excludes it
    /// (<c>where i % 2 == 0 select x[i + 1]</c>).
    /// </summary>
    private static List<(Node Test, bool WhenTrue)> Guards(Node adjoint)
    {
        var guards = new List<(Node, bool)>();
        while (adjoint is ConditionalNode c && (c.IfFalse is ConstantNode { Value: 0 } || c.IfTrue is ConstantNode { Value: 0 }))
        {
            var whenTrue = c.IfFalse is ConstantNode { Value: 0 };
            guards.Add((c.Test, whenTrue));
            adjoint = whenTrue ? c.IfTrue : c.IfFalse;
        }
        return guards;
    }

    private static Expression Guarded(List<(Node Test, bool WhenTrue)> guards, IEnumerator<Expression> testValues, Expression write)
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

    /// <summary>Scattered adjoints grouped by the outermost loop index not bound here (null: none, write directly).</summary>
    private List<ScatterGroup> ScatterGroups(ScatterPlan plan)
    {
        var groups = new List<ScatterGroup>();
        foreach (var scatter in plan.Scatters)
        {
            var indices = Loops.Nesting([.. scatter.Element.FreeIndices.Union(scatter.Adjoint.FreeIndices).Where(i => !_bound.Contains(i))], plan.DepthOf);
            var outermost = indices.Count == 0 ? null : indices[0];
            var group = groups.FirstOrDefault(g => g.Index == outermost);
            if (group is null) groups.Add(group = new ScatterGroup(outermost, []));
            group.Scatters.Add(scatter);
        }
        return groups;
    }

    /// <summary>
    /// A loop over the group's index; its body is a nested emitter binding the index, which writes the
    /// scatters now fully bound and loops again for inner indices — so values that depend only on the
    /// outer index (a row's activation) are computed once per row, not once per inner iteration.
    /// </summary>
    private Expression? EmitScatterLoop(ScatterGroup group, ScatterPlan plan)
    {
        var index = group.Index!;
        var sums = _scatterLoops.GetValueOrDefault(index);
        var nested = new ExpressionEmitter(_options, _hoister, [.. _bound, index], AvailableAt(Scope.Root));
        if (sums is null || sums.Members.Count == 0)
            return Loops.For(index, plan.CountOf(index), nested.EmitProcedure([], _ => ProcedureShape.Value(Expression.Empty()), plan with { Scatters = group.Scatters, Matrices = [] }), inverted: _bound.Count == 0);
        // The loop also accumulates sums: it becomes the definition their readers wait for.
        var body = nested.EmitProcedure([.. sums.Members.Select(m => m.Body)], values => new ProcedureShape([], [],
            [.. sums.Members.Select((m, k) => Expression.AddAssign(sums.Accumulators[m], values[k]))], Expression.Empty()), plan with { Scatters = group.Scatters, Matrices = [] });
        StatementsIn(Scope.Root).Add(Expression.Assign(sums.Marker, Expression.Block(
        [
            .. sums.Members.Select(m => Expression.Assign(sums.Accumulators[m], Expression.Constant(0.0))),
            Loops.For(index, plan.CountOf(index), body, inverted: _bound.Count == 0),
            Expression.Constant(0.0),
        ])));
        return null;
    }

    /// <summary>
    /// sin u or cos u, read from one <see cref="Math.SinCos"/> call shared by the pair; the call is placed
    /// in the innermost scope containing both.
    /// </summary>
    private Expression BuildSinCos(UnaryNode node, SinCosPair pair)
    {
        if (pair.Tuple is null)
        {
            pair.Tuple = Expression.Variable(typeof(ValueTuple<double, double>), $"sincos{_variables.Count + 1}");
            _variables.Add(pair.Tuple);
            StatementsIn(CommonScope(_placement[pair.Sin], _placement[pair.Cos]))
                .Add(Expression.Assign(pair.Tuple, Expression.Call(MathMethods.SinCos, _emitted[node.Operand])));
        }
        return Expression.Field(pair.Tuple, node.Op == UnaryOp.Sin ? "Item1" : "Item2");
    }

    /// <summary>sin u and cos u of the same u, both computed by this emitter.</summary>
    private sealed class SinCosPair(Node sin, Node cos)
    {
        public Node Sin { get; } = sin;
        public Node Cos { get; } = cos;
        public ParameterExpression? Tuple { get; set; }
    }

    private Dictionary<Node, SinCosPair> SinCosPairs(List<Node> reachable)
    {
        if (!_options.SinCos) return [];
        var trig = reachable.OfType<UnaryNode>().Where(u => u.Op is UnaryOp.Sin or UnaryOp.Cos && !_rematerialized.Contains(u)).ToList();
        var sines = trig.Where(u => u.Op == UnaryOp.Sin).ToDictionary(u => u.Operand);
        return trig.Where(u => u.Op == UnaryOp.Cos && sines.ContainsKey(u.Operand))
            .ToDictionary(u => u.Operand, u => new SinCosPair(sines[u.Operand], u));
    }

    private sealed record ScatterGroup(ParameterExpression? Index, List<Differentiation.Scatter> Scatters);

    private Expression Build(Node node) => node switch
    {
        ConstantNode c => Expression.Constant(c.Value),
        VariableNode v => v.Parameter,
        OpaqueNode o => LinqRuntime.Inline(_hoister.Hoist(o.Expression)),
        ElementNode e => Expression.ArrayIndex(e.Array, Expression.Constant(e.Index)),
        IndexedElementNode e => Expression.ArrayIndex(e.Array, e.Index),
        SumNode sum => BuildSum(sum),
        ArgExtremumNode extremum => BuildArgExtremum(extremum),
        UnaryNode { Op: UnaryOp.Sin or UnaryOp.Cos } u when _sinCosPairs.TryGetValue(u.Operand, out var pair) => BuildSinCos(u, pair),
        UnaryNode u => BuildUnary(u.Op, _emitted[u.Operand]),
        BinaryNode b => BuildBinary(b.Op, _emitted[b.Left], _emitted[b.Right]),
        PowerNode p => BuildPower(_emitted[p.Base], p.Exponent),
        ConditionalNode c => Expression.Condition(_emitted[c.Test], InBranch(c, true, c.IfTrue), InBranch(c, false, c.IfFalse)),
        ComparisonNode c => BuildComparison(c.Op, _emitted[c.Left], _emitted[c.Right]),
        LogicalNode l => BuildLogical(l),
        CallNode c => Expression.Call(c.Method, c.Children.ToArray().Select(child => _emitted[child])),
        GridNode grid => BuildGrid(grid),
        MatMulNode m => BuildMatMul(m),
        TensorAddNode add => Expression.Call(DenseRuntime.AddMethod, Buffers, Expression.Constant(add.Id), _emitted[add.Left], _emitted[add.Right],
            Expression.Multiply(LinqRuntime.Dimension(add.Rows), LinqRuntime.Dimension(add.Columns))),
        TensorReadNode r => Expression.ArrayIndex(_emitted[r.Tensor], r.Column is { } column
            ? Expression.Add(Expression.Multiply(r.Row, LinqRuntime.Dimension(r.Tensor.Columns)), column)
            : r.Row),
        _ => throw new InvalidOperationException($"The emitter has no case for {node.GetType().Name}."),
    };

    /// <summary>
    /// A branch's value, preceded by the statements placed in that branch. Conditionals with the same
    /// test in the same scope share their branch scopes (a Where filter guards several terms), so a
    /// value both need stays under the test; each emits the statements placed there so far.
    /// </summary>
    private Expression InBranch(ConditionalNode owner, bool branch, Node value)
    {
        var statements = StatementsIn(new Scope(owner.Test, branch, _placement[owner]));
        return statements.Count == 0 ? _emitted[value] : Expression.Block([.. statements, _emitted[value]]);
    }

    private List<Expression> StatementsIn(Scope scope)
    {
        if (!_statements.TryGetValue(scope, out var list)) _statements[scope] = list = [];
        return list;
    }

    /// <summary>
    /// Where each node is computed: the innermost branch containing all its uses (users are visited
    /// before their operands, in reverse id order, so a user's own placement is final when needed).
    /// </summary>
    /// <remarks>
    /// A node that may throw (an array read, LINQ's emptiness check), used in several branches none of
    /// which contains the others, is not hoisted to their common scope, where it would run on paths
    /// that never use it (a Where filter that skips an empty Average, nested differently in the value
    /// and in the gradient): it is <see cref="_rematerialized"/>, computed again at each use.
    /// </remarks>
    private Dictionary<Node, Scope> Placements(List<Node> reachable, IReadOnlyList<Node> outputs)
    {
        var placement = new Dictionary<Node, Scope>();
        // The distinct scopes of a node's uses, kept only for nodes used in more than one.
        var useScopes = new Dictionary<Node, HashSet<Scope>>();
        foreach (var output in outputs) Place(output, Scope.Root);
        for (var i = reachable.Count - 1; i >= 0; i--)
        {
            var node = reachable[i];
            var scope = placement[node];
            if (useScopes.TryGetValue(node, out var scopes) && !scopes.Contains(scope) && CanRematerialize(node) && MayThrow(node))
            {
                _rematerialized.Add(node);
                foreach (var useScope in scopes) PlaceChildren(node, useScope);
            }
            else
            {
                PlaceChildren(node, scope);
            }
        }
        return placement;

        void PlaceChildren(Node node, Scope scope)
        {
            if (node is ConditionalNode c)
            {
                Place(c.Test, scope);
                Place(c.IfTrue, new Scope(c.Test, true, scope));
                Place(c.IfFalse, new Scope(c.Test, false, scope));
            }
            else
            {
                foreach (var child in EmissionChildren(node)) Place(child, scope);
            }
        }

        void Place(Node node, Scope scope)
        {
            if (!placement.TryGetValue(node, out var current)) { placement[node] = scope; return; }
            if (current == scope && !useScopes.ContainsKey(node)) return;
            if (!useScopes.TryGetValue(node, out var scopes)) useScopes[node] = scopes = [current];
            scopes.Add(scope);
            placement[node] = CommonScope(current, scope);
        }
    }

    /// <summary>The innermost scope containing both.</summary>
    private static Scope CommonScope(Scope a, Scope b)
    {
        var ancestorsOfA = new HashSet<Scope>();
        for (Scope? s = a; s is not null; s = s.Parent) ancestorsOfA.Add(s);
        for (Scope? s = b; s is not null; s = s.Parent) if (ancestorsOfA.Contains(s)) return s;
        return Scope.Root;
    }

    // Conditionals and loops emit statements into scopes of their own placement: they are always placed once.
    private static bool CanRematerialize(Node node) => node is not (ConditionalNode or SumNode or ArgExtremumNode or ConstantNode or VariableNode or TensorNode);

    /// <summary>A branch (the test's outcome) inside a parent scope, or the method body (no test).</summary>
    private sealed record Scope(Node? Test, bool Branch, Scope? Parent)
    {
        public static readonly Scope Root = new(null, false, null);
    }

    private static Expression BuildUnary(UnaryOp op, Expression a) => op switch
    {
        UnaryOp.Negate => Expression.Negate(a),
        _ => Expression.Call(MathMethods.Unary[op], a),
    };

    private static Expression BuildBinary(BinaryOp op, Expression a, Expression b) => op switch
    {
        BinaryOp.Add => Expression.Add(a, b),
        BinaryOp.Subtract => Expression.Subtract(a, b),
        BinaryOp.Multiply => Expression.Multiply(a, b),
        BinaryOp.Divide => Expression.Divide(a, b),
        BinaryOp.Pow or BinaryOp.Atan2 or BinaryOp.Max or BinaryOp.Min or BinaryOp.LogBase => Expression.Call(MathMethods.Binary[op], a, b),
    };

    private static Expression BuildComparison(ComparisonOp op, Expression a, Expression b) => op switch
    {
        ComparisonOp.Equal => Expression.Equal(a, b),
        ComparisonOp.NotEqual => Expression.NotEqual(a, b),
        ComparisonOp.LessThan => Expression.LessThan(a, b),
        ComparisonOp.LessThanOrEqual => Expression.LessThanOrEqual(a, b),
        ComparisonOp.GreaterThan => Expression.GreaterThan(a, b),
        ComparisonOp.GreaterThanOrEqual => Expression.GreaterThanOrEqual(a, b),
    };

    private Expression BuildLogical(LogicalNode node) => node.Op switch
    {
        LogicalOp.Not => Expression.Not(_emitted[node.Children[0]]),
        LogicalOp.And => Expression.AndAlso(_emitted[node.Children[0]], _emitted[node.Children[1]]),
        LogicalOp.Or => Expression.OrElse(_emitted[node.Children[0]], _emitted[node.Children[1]]),
    };

    private Expression BuildPower(Expression @base, double exponent)
    {
        if (!_options.PowersAsProducts) return Expression.Call(MathMethods.Pow, @base, Expression.Constant(exponent));
        if (exponent == 0.5 && _options.ReciprocalsAndRoots) return Expression.Call(MathMethods.Sqrt, @base);
        if (ProductPlan(exponent) is not { } n) return Expression.Call(MathMethods.Pow, @base, Expression.Constant(exponent));
        var product = n switch
        {
            1 => @base,
            2 => Expression.Multiply(@base, @base),
            3 => Expression.Multiply(Expression.Multiply(@base, @base), @base),
            _ => Square(Expression.Multiply(@base, @base)),   // 4: (x·x)², one rounding fewer than x·x·x·x
        };
        return exponent > 0 ? product : Expression.Divide(Expression.Constant(1.0), product);
    }

    // x² squared needs the square twice: a one-variable inner block keeps it single-evaluation.
    private static Expression Square(Expression value)
    {
        var square = Expression.Variable(typeof(double), "sq");
        return Expression.Block([square], Expression.Assign(square, value), Expression.Multiply(square, square));
    }

    /// <summary>|n| when x^n is emitted as at most two multiplications (n = 2, 3, 4, and -1 … -4 as reciprocals); null for a Pow call.</summary>
    private int? ProductPlan(double exponent) => exponent switch
    {
        2 or 3 or 4 when _options.PowersAsProducts => (int)exponent,
        -1 or -2 or -3 or -4 when _options.ReciprocalsAndRoots => (int)-exponent,
        _ => null,
    };
}
