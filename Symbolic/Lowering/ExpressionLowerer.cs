using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Extensibility;
using Symbolic.Graph;
using Symbolic.Runtime;
using static Symbolic.Lowering.ExpressionShapes;

namespace Symbolic.Lowering;

/// <summary>
/// Reads a LINQ expression tree into the graph: one switch over node shapes, never a guess. Sub-trees it
/// does not look into become opaque leaves (derivative zero) when that is certainly right — captured
/// variables, fields, integer and boolean expressions, calls that do not involve the variables — and a
/// <see cref="NotSupportedException"/> otherwise. Iterative: the depth of the input is bounded by memory,
/// not by the call stack. Reads Symbolic's own output back too (SSA blocks), so results can be
/// differentiated again.
/// </summary>
internal sealed partial class ExpressionLowerer
{
    private readonly NodeGraph _graph;
    private readonly Dictionary<ParameterExpression, Node> _locals = [];
    // Block variables that hold non-double values (the emitter's hoisted captured arrays): the
    // expression they were assigned, substituted back into the opaque leaves that read them.
    private readonly Dictionary<ParameterExpression, Expression> _aliases = [];
    // Tuple locals the emitter assigns Math.SinCos(u) to (compiled hot paths): u, so that .Item1 reads back as sin u and .Item2 as cos u.
    private readonly Dictionary<ParameterExpression, Node> _sinCos = [];
    private readonly IReadOnlySet<ParameterExpression> _arrays;
    private int _sumDepth;
    private readonly Stack<ParameterExpression> _enclosing = new();
    private readonly HashSet<System.Reflection.MethodInfo> _acyclicInlines = [];

    private readonly VariableReferences _references;
    // The rules calls to users' methods resolve to: given, never ambient.
    private readonly DerivativeRegistry _rules;

    private readonly Type _element;   // the model's element type (double, or float): the type of every value lowering reads

    private ExpressionLowerer(NodeGraph graph, IReadOnlySet<ParameterExpression> arrays, DerivativeRegistry rules) =>
        (_graph, _arrays, _references, _rules, _element) = (graph, arrays, new VariableReferences(arrays, _locals, graph.ElementType.Type), rules, graph.ElementType.Type);

    /// <summary>Lowers the body of <paramref name="lambda"/> into <paramref name="graph"/>.</summary>
    /// <param name="graph">The graph to build in.</param>
    /// <param name="lambda">The function.</param>
    /// <param name="frontend">The rules and constant-member hooks the model is read with.</param>
    /// <param name="arrays">double[] parameters whose elements are variables; other arrays are data (opaque).</param>
    public static Node Lower(NodeGraph graph, LambdaExpression lambda, FrontendSettings frontend, IReadOnlySet<ParameterExpression>? arrays = null) =>
        LowerPrepared(graph, FrontendPasses.Run(lambda.Body, frontend), frontend, arrays);

    /// <summary>Lowers a body <see cref="FrontendPasses"/> have run on.</summary>
    public static Node LowerPrepared(NodeGraph graph, Expression body, FrontendSettings frontend, IReadOnlySet<ParameterExpression>? arrays = null) =>
        new ExpressionLowerer(graph, arrays ?? new HashSet<ParameterExpression>(), frontend.Rules).LowerBody(body);

    /// <summary>
    /// Lowers the body of <paramref name="lambda"/> with its parameters standing for existing nodes: the
    /// partial derivative of a call with a rule, at the call's arguments.
    /// </summary>
    /// <param name="graph">The graph to build in.</param>
    /// <param name="lambda">The partial derivative.</param>
    /// <param name="arguments">The nodes its parameters stand for.</param>
    /// <param name="rules">The registry the call's rule came from: the partial's own calls resolve there too.</param>
    public static Node LowerWith(NodeGraph graph, LambdaExpression lambda, IReadOnlyList<Node> arguments, DerivativeRegistry rules)
    {
        UnsupportedConstructs.Reject(lambda.Body);
        var lowerer = new ExpressionLowerer(graph, new HashSet<ParameterExpression>(), rules) { _partialOfRule = true };
        for (var k = 0; k < arguments.Count; k++) lowerer._locals[lambda.Parameters[k]] = arguments[k];
        return lowerer.LowerBody(lambda.Body);
    }

    /// <summary>
    /// The rule for a call to a user's or a built-in function, if any (a malformed attribute is reported
    /// at the call). In a rule's partial derivative, a method of doubles without a rule of its own is
    /// still computed (<c>SoftClipPrime(x)</c>): only its own derivative is unknown.
    /// </summary>
    private CallRule? RuleFor(MethodCallExpression call)
    {
        var method = call.Method;
        if (method.DeclaringType == typeof(Math) || method.DeclaringType == typeof(Enumerable)) return null;
        CallRule? rule;
        try
        {
            rule = _rules.Find(method);
        }
        catch (NotSupportedException e)
        {
            throw Errors.NotDifferentiable(call, e.Message);
        }
        if (rule is null && _partialOfRule && method.ReturnType == _element && method.GetParameters().All(p => p.ParameterType == _element))
            return new DifferentiatedCall(method, Partials: null, IsPure: false);
        return rule;
    }

    // Lowering a rule's partial derivative (see RuleFor).
    private bool _partialOfRule;

    private Node LowerBody(Expression root)
    {
        var work = new Stack<Frame>();
        var values = new Stack<Node>();
        work.Push(new Frame(root, null));
        while (work.Count > 0)
        {
            var frame = work.Pop();
            if (frame.Operands is { } operands)
            {
                var lowered = new Node[operands.Count];
                for (var i = operands.Count - 1; i >= 0; i--) lowered[i] = values.Pop();
                values.Push(Combine(frame.Expression, lowered));
                continue;
            }
            switch (Classify(frame.Expression))
            {
                case Leaf leaf:
                    values.Push(leaf.Node);
                    break;
                case Composite composite:
                    work.Push(new Frame(frame.Expression, composite.Operands));
                    for (var i = composite.Operands.Count - 1; i >= 0; i--) work.Push(new Frame(composite.Operands[i], null));
                    break;
            }
        }
        return values.Pop();
    }

    /// <summary>First visit of a node: either it is a leaf, or these operands must be lowered first.</summary>
    private Shape Classify(Expression e) => e switch
    {
        ConstantExpression { Value: double value } when _element == typeof(double) => new Leaf(_graph.Constant(value)),
        ConstantExpression { Value: float value } when _element == typeof(float) => new Leaf(_graph.Constant(value)),
        ConstantExpression { Value: bool } => new Leaf(_graph.Opaque(e)),
        DefaultExpression when e.Type == _element => new Leaf(_graph.Constant(0.0)),
        ParameterExpression p when _locals.TryGetValue(p, out var local) => new Leaf(local),
        ParameterExpression p when p.Type == _element => new Leaf(_graph.Variable(p)),
        BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: ParameterExpression array, Right: var index } when _arrays.Contains(array)
            => new Leaf(index is ConstantExpression { Value: int constant } ? _graph.Element(array, constant) : _graph.IndexedElement(array, index)),
        MethodCallExpression call when LinqOperators.IsAggregate(call, _element) && call.Type == _element => new Leaf(LowerAggregate(call)),
        MethodCallExpression call when IsFold(call) && call.Type == typeof(double) => new Leaf(LowerFold(call)),
        BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: ParameterExpression state, Right: var k } when _stateArrays.TryGetValue(state, out var s) => new Leaf(s.Read(CheckedComponent(e, k, s.Width))),
        BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: MethodCallExpression fold, Right: var k } when IsFold(fold) => new Leaf(LowerFoldComponent(fold, k)),
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u when u.Type == _element => ClassifyConversion(u),
        UnaryExpression { NodeType: ExpressionType.Negate or ExpressionType.NegateChecked or ExpressionType.UnaryPlus, Method: null } u
            when u.Type == _element => new Composite([u.Operand]),
        UnaryExpression { NodeType: ExpressionType.Not } u when u.Type == typeof(bool) && u.Operand.Type == typeof(bool) => new Composite([u.Operand]),
        BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression { Type: var t } } b when t == _element || t == typeof(bool)
            => new Composite([b.Right]),
        BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression, Right: MethodCallExpression call } when MathMethods.IsSinCos(call.Method)
            => new Composite(call.Arguments),
        MemberExpression { Expression: ParameterExpression tuple, Member.Name: "Item1" or "Item2" } m when _sinCos.TryGetValue(tuple, out var angle)
            => new Leaf(_graph.Unary(m.Member.Name == "Item1" ? UnaryOp.Sin : UnaryOp.Cos, angle)),
        BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression alias } b when !_references.Of(b.Right).Any
            => new Leaf(Alias(alias, b.Right)),
        BinaryExpression { Method: null } b when IsArithmetic(b.NodeType) && b.Type == _element => new Composite([b.Left, b.Right]),
        BinaryExpression { Method: null } b when ComparisonOf(b.NodeType) is not null && b.Left.Type == _element && b.Right.Type == _element => new Composite([b.Left, b.Right]),
        BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse or ExpressionType.And or ExpressionType.Or, Method: null } b
            when b.Type == typeof(bool) => new Composite([b.Left, b.Right]),
        ConditionalExpression c when c.Type == _element => new Composite([c.Test, c.IfTrue, c.IfFalse]),
        MethodCallExpression call when IsKnownMathCall(call) && call.Type == _element => new Composite(call.Arguments),
        MethodCallExpression { Object: null } call when RuleFor(call) is DifferentiatedCall => new Composite(call.Arguments),
        MethodCallExpression { Object: null } call when RuleFor(call) is InlinedCall inlined => new Composite([InlineExpansion.Expand(call, inlined, _rules, _acyclicInlines)]),
        BlockExpression block when EmittedSum.TryRead(block, out var index, out var count, out var summand) => new Leaf(LowerEmittedSum(index, count, summand)),
        BlockExpression block when block.Type == _element => new Composite(block.Expressions),
        _ => ClassifyOther(e),
    };

    private Shape ClassifyConversion(UnaryExpression u) => u.Operand switch
    {
        { Type: var t } when t == _element => new Composite([u.Operand]),
        MethodCallExpression call when MixedPrecision.IsSignOf(call, _element) => new Composite(call.Arguments),
        MethodCallExpression call when LinqOperators.IsAggregate(call, _element) => new Leaf(LowerAggregate(call)),
        ConstantExpression { Value: IConvertible value } => new Leaf(_graph.Constant(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture))),
        // An integer (or other non-double) value is piecewise constant in the variables: derivative zero.
        _ => ClassifyOther(u),
    };

    /// <summary>Records the angle of a <c>Math.SinCos</c> tuple local; the tuple's own value is never a result.</summary>
    private Node SinCosOf(ParameterExpression tuple, Node angle)
    {
        _sinCos[tuple] = angle;
        return _graph.Zero;
    }

    /// <summary>Records a non-double block variable; its value in the block is irrelevant (never the block's result).</summary>
    private Node Alias(ParameterExpression alias, Expression value)
    {
        _aliases[alias] = value;
        return _graph.Zero;
    }

    /// <summary>What Symbolic does not look into: an opaque leaf when that is certainly right, an error otherwise.</summary>
    private Shape ClassifyOther(Expression e)
    {
        if (_aliases.Count > 0) e = new AliasSubstitution(_aliases).Visit(e);
        if (_element == typeof(float) && MixedPrecision.Culprit(e, _references) is { } mixed)
            throw Errors.NotDifferentiable(mixed, MixedPrecision.Reason(mixed));
        if (e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } conversion && e.Type == _element
            && !IsConversionToDouble(e) && _references.Of(e).Any)
            throw Errors.NotDifferentiable(e, $"conversions from {conversion.Operand.Type.Name} are not differentiated (only integer values, which are piecewise constant)");
        if (e.Type != _element && e.Type != typeof(bool))
            throw Errors.NotDifferentiable(e, $"values of type {e.Type.Name} cannot appear here");
        var references = _references.Of(e);
        if (references.Local is { } local)
            throw Errors.NotDifferentiable(e, $"it reads the block variable '{local.Name}', which Symbolic cannot re-emit");
        var piecewiseConstant = e.Type == typeof(bool) || IsConversionToDouble(e) || IsRoundingCall(e);
        if (references.Variable is { } variable && !piecewiseConstant)
            throw Errors.NotDifferentiable(e, $"there is no derivative rule for it and it depends on '{variable.Name}'");
        // A step function of the variables (an integer conversion, a test) has derivative zero; a number computed
        // by a method Symbolic does not know (x.ToString().Length) is no step function it can vouch for.
        if (references.Variable is { } read && _references.CallWithUnknownDerivative(e) is { } call)
            throw Errors.NotDifferentiable(call, $"it returns {call.Type.Name}, not a double, and depends on '{read.Name}', so the number {ExpressionQuoter.Quote(e)} has no derivative rule");
        return new Leaf(_graph.Opaque(e));
    }

    private Node Combine(Expression e, Node[] x) => e switch
    {
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked, Operand: MethodCallExpression call } when MixedPrecision.IsSignOf(call, _element)
            => _graph.Unary(UnaryOp.Sign, x[0]),
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.UnaryPlus } => x[0],
        UnaryExpression { NodeType: ExpressionType.Negate or ExpressionType.NegateChecked } => _graph.Negate(x[0]),
        UnaryExpression { NodeType: ExpressionType.Not } => _graph.Logical(LogicalOp.Not, x[0]),
        // The tuple's value is never the block's result: only its items are read.
        BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression tuple, Right: MethodCallExpression call } when MathMethods.IsSinCos(call.Method)
            => SinCosOf(tuple, x[0]),
        BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression variable } => _locals[variable] = x[0],
        BinaryExpression b when IsArithmetic(b.NodeType) => _graph.Binary(ArithmeticOf(b.NodeType), x[0], x[1]),
        BinaryExpression b when ComparisonOf(b.NodeType) is { } comparison => _graph.Compare(comparison, x[0], x[1]),
        BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.And } => _graph.Logical(LogicalOp.And, x[0], x[1]),
        BinaryExpression { NodeType: ExpressionType.OrElse or ExpressionType.Or } => _graph.Logical(LogicalOp.Or, x[0], x[1]),
        ConditionalExpression => _graph.Conditional(x[0], x[1], x[2]),
        MethodCallExpression call when MathMethods.UnaryByMethod.TryGetValue(call.Method, out var unary) => _graph.Unary(unary, x[0]),
        MethodCallExpression call when MathMethods.BinaryByMethod.TryGetValue(call.Method, out var binary) => _graph.Binary(binary, x[0], x[1]),
        MethodCallExpression { Object: null } call when RuleFor(call) is DifferentiatedCall rule => _graph.Call(rule, x, _rules),
        MethodCallExpression { Object: null } call when RuleFor(call) is InlinedCall => x[0],
        BlockExpression => x[^1],
        _ => throw new InvalidOperationException($"Lowering has no combination for {e.NodeType}."),
    };

    /// <summary>
    /// Max (Min) = the body at the first arg-max (arg-min): a sum whose only non-zero term is that
    /// index, so derivatives follow the selected term alone (a subgradient at ties).
    /// </summary>
    private Node LowerExtremum(MethodCallExpression call, Sequence sequence, bool filtered)
    {
        if (filtered) throw Errors.NotDifferentiable(call, "Max and Min after Where are not supported (the arg-max of a filtered sequence)");
        var body = LowerBody(LinqOperators.Summand(call, sequence));
        var at = _graph.ArgExtremum(sequence.Index, sequence.Count, body, call.Method.Name == nameof(Enumerable.Max));
        var position = _graph.Opaque(Expression.Convert(sequence.Index, _element));
        return _graph.Sum(sequence.Index, sequence.Count, _graph.Conditional(_graph.Compare(ComparisonOp.Equal, position, at), body, _graph.Zero));
    }

    private ParameterExpression? CurrentLoop => _enclosing.Count == 0 ? null : _enclosing.Peek();

    /// <summary>
    /// The loop a LINQ aggregate over a range of constant, positive length is nested in: the innermost enclosing
    /// loop whose index it reads (directly, or through a block variable). An aggregate written inside a loop
    /// that it does not depend on — the Max in a log-sum-exp's <c>t =&gt; Math.Exp(t - v.Max())</c> — is then the
    /// same node as the one outside, and is computed once rather than at every iteration. Other aggregates stay
    /// in the loop they are written in: moved out, an Average of an empty sequence could throw where the loop
    /// around it never runs.
    /// </summary>
    private ParameterExpression? EnclosingFor(MethodCallExpression call)
    {
        if (_enclosing.Count == 0) return null;
        if (_aliases.Count > 0 || _stateArrays.Count > 0) return _enclosing.Peek();
        var needed = new HashSet<ParameterExpression>();
        var pending = new Stack<Expression>([call]);
        while (pending.TryPop(out var e))
        {
            if (e is ParameterExpression p)
            {
                if (_graph.IsIndex(p)) needed.Add(p);
                else if (_locals.TryGetValue(p, out var local)) needed.UnionWith(local.FreeIndices);
            }
            foreach (var child in ExpressionChildren.Of(e)) pending.Push(child);
        }
        foreach (var index in _enclosing)
            if (needed.Contains(index)) return index;
        return null;
    }

    private Node LowerEmittedSum(ParameterExpression index, Expression count, Expression summand)
    {
        _graph.DeclareIndex(index, count, _enclosing.Count == 0 ? null : _enclosing.Peek());
        _enclosing.Push(index);
        try { return _graph.Sum(index, count, LowerBody(summand)); }
        finally { _enclosing.Pop(); }
    }

    /// <summary>
    /// Sum, Average or Count over a LINQ sequence: one <see cref="SumNode"/> over a fresh index whose
    /// body is the selector inlined at the element (filtered by Where through a conditional).
    /// </summary>
    private Node LowerAggregate(MethodCallExpression call)
    {
        var read = WithStateWidths(LinqOperators.Read(call.Arguments[0], _sumDepth));
        var enclosing = LinqRuntime.Dimension(read.Count) is ConstantExpression { Value: int n } && n > 0 ? EnclosingFor(call) : CurrentLoop;
        var sequence = read.WithIndex(_graph.CanonicalIndex(read.Index, enclosing, read.Count));
        _graph.DeclareIndex(sequence.Index, sequence.Count, enclosing);
        _enclosing.Push(sequence.Index);
        _sumDepth++;
        try
        {
            var filter = sequence.Filter;
            if (call.Method.Name == nameof(Enumerable.Count) && call.Arguments.Count == 2)
            {
                var predicate = LinqOperators.Summand(call, sequence);
                filter = filter is null ? predicate : Expression.AndAlso(filter, predicate);
            }
            var keep = filter is null ? null : LowerBody(filter);
            Node Filtered(Node body) => keep is null ? body : _graph.Conditional(keep, body, _graph.Zero);
            Node CountOf() => keep is null
                ? _graph.Opaque(Expression.Convert(sequence.Count, _element))
                : _graph.Sum(sequence.Index, sequence.Count, Filtered(_graph.One));

            if (call.Method.Name == nameof(Enumerable.Count)) return CountOf();
            if (call.Method.Name is nameof(Enumerable.Max) or nameof(Enumerable.Min)) return LowerExtremum(call, sequence, keep is not null);
            var sum = _graph.Sum(sequence.Index, sequence.Count, Filtered(LowerBody(LinqOperators.Summand(call, sequence))));
            if (call.Method.Name == nameof(Enumerable.Sum)) return sum;

            // Average: LINQ throws on an empty sequence, and so does the emitted code — value and derivatives
            // alike, since both divide by the checked count.
            if (keep is null)
                return _graph.Divide(sum, _graph.Opaque(MixedPrecision.AverageCount(sequence.Count, _element)));
            var count = CountOf();
            var empty = Expression.Throw(Expression.New(typeof(InvalidOperationException).GetConstructor([typeof(string)])!,
                Expression.Constant("Sequence contains no elements")), _element);
            return _graph.Conditional(_graph.Compare(ComparisonOp.Equal, count, _graph.Zero), _graph.Opaque(empty), _graph.Divide(sum, count));
        }
        finally
        {
            _sumDepth--;
            _enclosing.Pop();
        }
    }

    private sealed class AliasSubstitution(Dictionary<ParameterExpression, Expression> aliases) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => aliases.GetValueOrDefault(node) ?? node;
    }

    private abstract record Shape;
    private sealed record Leaf(Node Node) : Shape;
    private sealed record Composite(IReadOnlyList<Expression> Operands) : Shape;
    private readonly record struct Frame(Expression Expression, IReadOnlyList<Expression>? Operands);
}
