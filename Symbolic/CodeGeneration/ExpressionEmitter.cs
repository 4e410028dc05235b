using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The emit phase of code generation: turns a <see cref="ProcedureSchedule"/> into a LINQ expression in SSA
/// form. Every node the schedule gives a local becomes one <see cref="BlockExpression"/> variable assigned in
/// id (topological) order in the scope the schedule placed it in; the others are inlined. What is computed
/// where, and into which local, is the schedule's (see <see cref="ProcedureScheduler"/>). Two choices are still
/// made here, while emitting: the order of independent statements within a block (<see cref="StatementScheduler"/>)
/// and whether a row runs as a vectorised row program or a loop (<see cref="RowProgram"/>, which needs the
/// emitted operands; <see cref="RowCostRule"/> decides) — the next candidates to move into the schedule.
/// </summary>
/// <remarks>
/// One instance emits one procedure (the method body or a loop body) and lives only while it does; a loop body
/// is emitted by an instance for the body's own schedule, which reads the enclosing procedure's values through
/// <see cref="_outer"/>. Split by node category like the BCL's <c>LambdaCompiler</c>: scalar operations
/// (<c>.Scalars</c>), loops and sums (<c>.Loops</c>), scatters (<c>.Scatters</c>), matrices (<c>.Dense</c>).
/// </remarks>
internal sealed partial class ExpressionEmitter
{
    private readonly ProcedureSchedule _schedule;
    private readonly EmitOptions _options;
    private readonly CapturedArrayHoister _hoister;
    // The values of the enclosing procedure assigned where this one runs (null for the method body).
    private readonly Func<Node, Expression?>? _outer;
    // What this procedure has emitted so far: each node's value, statements per scope, locals.
    private readonly Dictionary<Node, Expression> _emitted = [];
    private readonly Dictionary<Scope, List<Expression>> _statements = [];
    private readonly List<ParameterExpression> _variables = [];
    private readonly Dictionary<Node, ParameterExpression> _sinCosTuples = [];
    // While a fold's sweep step is emitted: its buffer and row of δ, for products over a batch (BatchedSweepProducts).
    private BatchedSweepProducts? _sweep;
    // While a fold's loop over its steps is emitted: the copies made before it (FoldInvariants), where it keeps them.
    private FoldInvariants? _invariants;

    private ExpressionEmitter(ProcedureSchedule schedule, EmitOptions options, CapturedArrayHoister hoister, Func<Node, Expression?>? outer) =>
        (_schedule, _options, _hoister, _outer) = (schedule, options, hoister, outer);

    /// <summary>
    /// Schedules and emits the outputs and delivers them as <paramref name="shape"/> says; the straight-line
    /// statements are ordered by <see cref="StatementScheduler"/> (demand order, locals reused). Scattered
    /// adjoints (<paramref name="scatters"/>) become loops after the shape's sinks.
    /// </summary>
    public static Expression Emit(IReadOnlyList<Node> outputs, EmitOptions options, Func<IReadOnlyList<Expression>, ProcedureShape> shape, ScatterPlan? scatters = null) =>
        Emit(ProcedureScheduler.Schedule(outputs, options, scatters), options, shape);

    /// <summary>Emits one double-valued output.</summary>
    public static Expression Emit(Node output, EmitOptions options) => Emit([output], options, values => ProcedureShape.Value(values[0]));

    /// <summary>Emits a scheduled method: its body, preceded by the captured arrays it reads, each read once.</summary>
    public static Expression Emit(ProcedureSchedule schedule, EmitOptions options, Func<IReadOnlyList<Expression>, ProcedureShape> shape)
    {
        var hoister = new CapturedArrayHoister();
        var (body, locals, assignments) = InvariantCalls.Hoist(new ExpressionEmitter(schedule, options, hoister, null).EmitProcedure(shape));
        if (hoister.Locals.Count == 0 && locals.Count == 0) return body;
        return Expression.Block(body.Type, [.. hoister.Locals, .. locals], [.. hoister.Assignments, .. assignments, body]);
    }

    /// <summary>A loop body: the nested schedule emitted by an emitter of its own, reading this one's values assigned in <paramref name="scope"/>.</summary>
    private Expression EmitNested(ProcedureSchedule body, Scope scope, Func<IReadOnlyList<Expression>, ProcedureShape> shape) =>
        new ExpressionEmitter(body, _options, _hoister, AvailableAt(scope)) { _sweep = _sweep }.EmitProcedure(shape);

    private Expression EmitProcedure(Func<IReadOnlyList<Expression>, ProcedureShape> shape)
    {
        var outputs = _schedule.Outputs.Count;
        var direct = _schedule.Direct;
        var all = EmitAll();
        var (locals, prologue, sinks, result) = shape([.. all.Take(outputs)]);
        var guardValues = all.Skip(outputs + direct.Count).GetEnumerator();
        var writes = _schedule.Carry is { } carry ? CarriedWrites(carry, all.Skip(outputs).Take(direct.Count).ToList()) : direct.Select((d, k) => Guarded(d.Guards, guardValues,
            Expression.AddAssign(Expression.ArrayAccess(_schedule.Scatters!.Target, d.Scatter.Element.Index), all[outputs + k]))).ToList();
        writes.AddRange((_schedule.Scatters?.Matrices ?? []).Select(m => BuildMatrixScatter(m, _schedule.Scatters!.Target)));
        var loops = _schedule.ScatterLoops.Select(EmitScatterLoop).OfType<Expression>().ToList();
        AddGuardBlocks();
        var definitions = StatementsIn(Scope.Root).Cast<BinaryExpression>().ToList();
        // Locals of loop bodies are named after their indices (i1, i2 ...), so they read apart from the method's (t1, t2 ...).
        var prefix = _schedule.Bound.Count == 0 ? "t" : string.Concat(_schedule.Bound.Select(i => i.Name));
        var (statements, scheduledResult, slots) = StatementScheduler.Schedule(definitions, [.. sinks, .. writes, .. loops], result, prefix, reuseLocals: _options.PrimalOf is null);
        var defined = definitions.Select(d => (ParameterExpression)d.Left).ToHashSet();
        var branchLocals = _variables.Where(v => !defined.Contains(v));
        List<ParameterExpression> variables = [.. locals, .. slots, .. branchLocals, .. _schedule.Accumulators];
        List<Expression> body = [.. prologue, .. statements];
        return variables.Count == 0 && body.Count == 0 ? scheduledResult : Expression.Block(scheduledResult.Type, variables, [.. body, scheduledResult]);
    }

    /// <summary>Emits every scheduled node in id order, each into its local or inline; returns the roots' values.</summary>
    private IReadOnlyList<Expression> EmitAll()
    {
        foreach (var node in _schedule.Reachable)
        {
            var expression = Build(node);
            if (_schedule.Locals.TryGetValue(node, out var number))
            {
                var primal = _options.PrimalOf?.Invoke(node);
                var name = primal is null ? null : AdjointNotes.Name(primal, Lookup(primal));
                var variable = Expression.Variable(expression.Type, name ?? $"t{number}");
                _variables.Add(variable);
                var definition = Expression.Assign(variable, expression);
                if (primal is not null && AdjointNotes.Comment(primal) is { } comment) CodeComments.Attach(definition, comment);
                StatementsIn(_schedule.Placement[node]).Add(definition);
                expression = variable;
            }
            _emitted[node] = expression;
        }
        return [.. _schedule.Roots.Select(Value)];
    }

    /// <summary>A node's value: emitted here, or by an enclosing procedure; null if neither has yet.</summary>
    private Expression? Lookup(Node node) => _emitted.TryGetValue(node, out var value) ? value : _outer?.Invoke(node);

    private Expression Value(Node node) => Lookup(node) ?? throw new InvalidOperationException($"Node #{node.Id} is used before it is emitted.");

    /// <summary>The values a loop placed in <paramref name="scope"/> may read: those assigned in that scope or an enclosing one.</summary>
    private Func<Node, Expression?> AvailableAt(Scope scope) =>
        node => Lookup(node) is not { } value ? null : _schedule.IsAssignedIn(node, scope) ? value : GuardedRead(node, value);

    private List<Expression> StatementsIn(Scope scope)
    {
        if (!_statements.TryGetValue(scope, out var list)) _statements[scope] = list = [];
        return list;
    }

    /// <summary>
    /// A branch's value, preceded by the statements placed in that branch. Conditionals with the same
    /// test in the same scope share their branch scopes (a Where filter guards several terms), so a
    /// value both need stays under the test; each emits the statements placed there so far.
    /// </summary>
    private Expression InBranch(ConditionalNode owner, bool branch, Node value)
    {
        var scope = new Scope(owner.Test, branch, _schedule.Placement[owner]);
        if (IsGuardScope(scope)) return Expression.Block(GuardMarker(scope), Value(value));
        var statements = StatementsIn(scope);
        return statements.Count == 0 ? Value(value) : Expression.Block([.. statements, Value(value)]);
    }
}
