using System.Linq.Expressions;
using Symbolic.Runtime;

namespace Symbolic.Graph;

/// <summary>
/// Makes and interns the nodes of one differentiation call. Its factory methods are <em>smart
/// constructors</em>: they fold constants and apply the identities that hold bit for bit in IEEE 754
/// (the "exact" simplification class), so the graph never holds <c>x*1</c> or <c>-(-x)</c>.
/// </summary>
/// <remarks>
/// Identities that only hold up to the sign of zero are deliberately absent: <c>x + 0</c> is not
/// <c>x</c> when x is -0. Derivative construction never builds such terms (a structurally zero
/// derivative is "absent", not a zero node).
/// </remarks>
internal sealed partial class NodeGraph
{
    private readonly Dictionary<NodeKey, Node> _interned = [];
    private readonly List<Node> _nodes = [];
    private readonly Dictionary<ParameterExpression, LoopIndex> _indices = [];
    private readonly Dictionary<(ParameterExpression?, StructuralKey), ParameterExpression> _canonicalIndices = [];
    private readonly Dictionary<(int, ParameterExpression?, StructuralKey), ParameterExpression> _gridIndices = [];
    private readonly Dictionary<Node, GridNode> _gridOfBody = [];

    /// <summary>A graph of double arithmetic.</summary>
    public NodeGraph() : this(ElementType.Double) { }

    /// <summary>A graph whose every value has the type <paramref name="element"/>.</summary>
    public NodeGraph(ElementType element) => ElementType = element;

    /// <summary>The arithmetic of every value (constants are rounded to it, folding evaluates in it).</summary>
    public ElementType ElementType { get; }

    /// <summary>The grid that materialises this node (its body), if any: its value at the grid's indices can be read rather than computed again.</summary>
    public GridNode? GridOf(Node body) => _gridOfBody.GetValueOrDefault(body);

    /// <summary>A loop index: its range, and the loop it is written in (null at the top).</summary>
    private readonly record struct LoopIndex(Expression Count, ParameterExpression? Enclosing, int Depth);

    /// <summary>Every node made so far, in creation (topological) order.</summary>
    public IReadOnlyList<Node> Nodes => _nodes;

    // The primal node each adjoint node belongs to, for readers of generated code (ToCSharp's comments).
    private readonly Dictionary<Node, Node> _primalOf = [];

    /// <summary>Records that <paramref name="adjoint"/> is ∂f/∂<paramref name="primal"/> (the first record wins: a shared node keeps one).</summary>
    public void NoteAdjoint(Node adjoint, Node primal)
    {
        if (adjoint is not (ConstantNode or VariableNode or ElementNode)) _primalOf.TryAdd(adjoint, primal);
    }

    /// <summary>The primal node whose adjoint this is, if recorded.</summary>
    public Node? PrimalOf(Node adjoint) => _primalOf.GetValueOrDefault(adjoint);

    public ConstantNode Zero => Constant(0.0);
    public ConstantNode One => Constant(1.0);

    public ConstantNode Constant(double value)
    {
        value = ElementType.Round(value);
        return (ConstantNode)Intern(new NodeKey(NodeKind.Constant, 0, BitConverter.DoubleToInt64Bits(value)), id => new ConstantNode(id, value));
    }

    public VariableNode Variable(ParameterExpression parameter) =>
        (VariableNode)Intern(new NodeKey(NodeKind.Variable, 0, 0, Reference: parameter), id => new VariableNode(id, parameter));

    public ElementNode Element(ParameterExpression array, int index) =>
        (ElementNode)Intern(new NodeKey(NodeKind.Element, index, 0, Reference: array), id => new ElementNode(id, array, index));

    public IndexedElementNode IndexedElement(ParameterExpression array, Expression index) =>
        (IndexedElementNode)Intern(new NodeKey(NodeKind.IndexedElement, 0, 0, Reference: (array, StructuralKey.For(index))),
            id => new IndexedElementNode(id, array, index));

    /// <summary>Σ body over index = 0 … count − 1. A body that does not read the index is simply count · body.</summary>
    public Node Sum(ParameterExpression index, Expression count, Node body)
    {
        if (body is ConstantNode { Value: 0 }) return Zero;
        if (!body.FreeIndices.Contains(index))
        {
            // n · body, but body only evaluated when n > 0: an empty loop never reads what its body reads.
            var n = Opaque(Expression.Convert(count, ElementType.Type));
            return Conditional(Compare(ComparisonOp.Equal, n, Zero), Zero, Multiply(n, body));
        }
        return Intern(new NodeKey(NodeKind.Sum, 0, 0, body.Id, Reference: (index, StructuralKey.For(count))), id => new SumNode(id, index, count, body));
    }

    /// <summary>
    /// T[row, column] = Σ body over every iteration of the loops body and (row, column) read: with the two
    /// grid indices of <see cref="GridIndex"/>, a materialised operand; with loop indices of the model,
    /// per-iteration values gathered into a matrix.
    /// </summary>
    public GridNode Grid(ParameterExpression row, ParameterExpression column, Node body)
    {
        var key = new NodeKey(NodeKind.Grid, 0, 0, body.Id, Reference: (row, column));
        if (_interned.TryGetValue(key, out var existing)) return (GridNode)existing;
        var (rows, columns) = (CountOf(row), CountOf(column));
        var cell = IndexedElement(Expression.Parameter(ElementType.ArrayType, "grid"), Expression.Add(Expression.Multiply(row, LinqRuntime.Dimension(columns)), column));
        var loops = cell.FreeIndices.Union(body.FreeIndices).OrderBy(DepthOf).Select(i => (i, CountOf(i))).ToList();
        var grid = (GridNode)Intern(key, id => new GridNode(id, row, column, rows, columns, body, cell, loops));
        if (grid.FreeIndices.Count > 0) throw new InvalidOperationException("A grid must bind every index it reads.");
        if (grid.IsElementwise) _gridOfBody.TryAdd(body, grid);
        return grid;
    }

    /// <summary>op(left)·op(right), op transposing where asked.</summary>
    public MatMulNode MatMul(TensorNode left, bool transposeLeft, TensorNode right, bool transposeRight) =>
        (MatMulNode)Intern(new NodeKey(NodeKind.MatMul, (transposeLeft ? 1 : 0) | (transposeRight ? 2 : 0), 0, left.Id, right.Id),
            id => new MatMulNode(id, left, transposeLeft, right, transposeRight));

    /// <summary>left + right, elementwise (same shape).</summary>
    public TensorAddNode TensorAdd(TensorNode left, TensorNode right) =>
        (TensorAddNode)Intern(new NodeKey(NodeKind.TensorAdd, 0, 0, left.Id, right.Id), id => new TensorAddNode(id, left, right));

    /// <summary>tensor[row, column], read inside the loops over the two indices.</summary>
    public TensorReadNode TensorRead(TensorNode tensor, ParameterExpression row, ParameterExpression? column) =>
        (TensorReadNode)Intern(new NodeKey(NodeKind.TensorRead, 0, 0, tensor.Id, Reference: (row, column)), id => new TensorReadNode(id, tensor, row, column));

    /// <summary>
    /// The index of a grid's dimension: level 0 (rows) at the top, level 1 (columns) nested in
    /// <paramref name="enclosing"/>. One per level, enclosing index and range, so grids written alike intern alike.
    /// </summary>
    public ParameterExpression GridIndex(int level, ParameterExpression? enclosing, Expression count)
    {
        var key = (level, enclosing, StructuralKey.For(count));
        if (_gridIndices.TryGetValue(key, out var index)) return index;
        _gridIndices[key] = index = Expression.Parameter(typeof(int), level == 0 ? "r" : "c");
        DeclareIndex(index, count, enclosing);
        return index;
    }

    /// <summary>Whether an integer expression reads a loop index (a loop range that is not rectangular).</summary>
    public bool ReadsLoopIndex(Expression expression)
    {
        var read = new HashSet<ParameterExpression>();
        AddIndicesRead(expression, read);
        return read.Count > 0;
    }

    /// <summary>The same operation as <paramref name="node"/> over other children, through the smart constructors (leaves are returned as they are).</summary>
    public Node Rebuild(Node node, Func<int, Node> child) => node switch
    {
        ConstantNode or VariableNode or ElementNode or IndexedElementNode or OpaqueNode => node,
        SumNode s => Sum(s.Index, s.Count, child(0)),
        ArgExtremumNode a => ArgExtremum(a.Index, a.Count, child(0), a.IsMax),
        UnaryNode u => Unary(u.Op, child(0)),
        BinaryNode b => Binary(b.Op, child(0), child(1)),
        PowerNode p => Power(child(0), p.Exponent),
        ConditionalNode => Conditional(child(0), child(1), child(2)),
        ComparisonNode c => Compare(c.Op, child(0), child(1)),
        LogicalNode l => Logical(l.Op, child(0), l.Children.Length > 1 ? child(1) : null),
        CallNode c => Call(c.Rule, [.. Enumerable.Range(0, c.Children.Length).Select(child)], c.Rules),
        GridNode gr => Grid(gr.Row, gr.Column, child(0)),
        MatMulNode m => MatMul((TensorNode)child(0), m.TransposeLeft, (TensorNode)child(1), m.TransposeRight),
        TensorAddNode => TensorAdd((TensorNode)child(0), (TensorNode)child(1)),
        TensorReadNode r => TensorRead((TensorNode)child(0), r.Row, r.Column),
        FoldNode or ReverseFoldNode or FoldReadNode => RebuildFold(node, child),
        _ => throw new InvalidOperationException($"No rebuild for {node.GetType().Name}."),
    };

    /// <summary>
    /// A call with a derivative rule. Known-pure calls (<see cref="Functions"/>) of constants are folded:
    /// the value is the one the call would return at run time.
    /// </summary>
    /// <param name="rule">The call's rule.</param>
    /// <param name="arguments">The argument nodes.</param>
    /// <param name="rules">The registry the rule was found in: the rule's partials are read under it (one graph, one registry).</param>
    public Node Call(Extensibility.DifferentiatedCall rule, Node[] arguments, DerivativeRegistry rules)
    {
        if (rule.IsPure && arguments.All(a => a is ConstantNode))
            return Constant(Convert.ToDouble(rule.Method.Invoke(null, [.. arguments.Select(a => ElementType.IsSingle ? (object)(float)((ConstantNode)a).Value : ((ConstantNode)a).Value)]),
                System.Globalization.CultureInfo.InvariantCulture));
        return Intern(new NodeKey(NodeKind.Call, 0, 0, Reference: (rule.Method, string.Join(",", arguments.Select(a => a.Id)))),
            id => new CallNode(id, rule, arguments, rules));
    }

    /// <summary>The first index where body is largest (or smallest): the arg-max behind LINQ's Max and Min.</summary>
    public ArgExtremumNode ArgExtremum(ParameterExpression index, Expression count, Node body, bool isMax) =>
        (ArgExtremumNode)Intern(new NodeKey(NodeKind.ArgExtremum, isMax ? 1 : 0, 0, body.Id, Reference: (index, StructuralKey.For(count))),
            id => new ArgExtremumNode(id, index, count, body, isMax));

    /// <summary>
    /// One index per nesting depth and range: two sums written alike (the same inner product twice)
    /// then read the same index, so their bodies intern to the same nodes and are computed once.
    /// </summary>
    public ParameterExpression CanonicalIndex(ParameterExpression fresh, ParameterExpression? enclosing, Expression count)
    {
        var key = (enclosing, StructuralKey.For(count));
        if (!_canonicalIndices.TryGetValue(key, out var index)) _canonicalIndices[key] = index = fresh;
        return index;
    }

    /// <summary>Declares a loop index running over 0 … count − 1: expressions reading it are inside that loop.</summary>
    /// <remarks>
    /// A loop written inside another is nested in it even when its range does not read the outer index:
    /// nodes of the inner body then count as per-iteration values of the outer loop too, so reverse mode
    /// never has to turn the nesting inside out (which would bind the same index twice).
    /// </remarks>
    public void DeclareIndex(ParameterExpression index, Expression count, ParameterExpression? enclosing) =>
        _indices[index] = new LoopIndex(count, enclosing, enclosing is null ? 0 : _indices[enclosing].Depth + 1);

    /// <summary>Whether the model has LINQ loops (even ones simplified away, like a sum of a constant).</summary>
    public bool HasLoops => _indices.Count > 0;

    /// <summary>The number of iterations of a declared loop index.</summary>
    public Expression CountOf(ParameterExpression index) => _indices[index].Count;

    /// <summary>How deeply a loop index is nested (0 at the top): outer loops first.</summary>
    public int DepthOf(ParameterExpression index) => _indices[index].Depth;

    public bool IsIndex(ParameterExpression parameter) => _indices.ContainsKey(parameter);

    public Node Opaque(Expression expression)
    {
        if (expression is ConstantExpression { Value: double value }) return Constant(value);
        if (expression is ConstantExpression { Value: float single }) return Constant(single);
        return Intern(new NodeKey(NodeKind.Opaque, 0, 0, Reference: StructuralKey.For(expression)), id => new OpaqueNode(id, expression));
    }

    public Node Unary(UnaryOp op, Node operand)
    {
        if (operand is ConstantNode c) return Constant(ElementType.Apply(op, c.Value));
        if (op == UnaryOp.Negate && operand is UnaryNode { Op: UnaryOp.Negate } inner) return inner.Operand;
        if (op == UnaryOp.Abs && operand is UnaryNode { Op: UnaryOp.Abs or UnaryOp.Negate } abs) return Unary(UnaryOp.Abs, abs.Operand);
        return Intern(new NodeKey(NodeKind.Unary, (int)op, 0, operand.Id), id => new UnaryNode(id, op, operand));
    }

    public Node Negate(Node operand) => Unary(UnaryOp.Negate, operand);

    public Node Binary(BinaryOp op, Node left, Node right)
    {
        if (left is ConstantNode a && right is ConstantNode b) return Constant(ElementType.Apply(op, a.Value, b.Value));
        if (ExactIdentity(op, left, right) is { } simpler) return simpler;
        if (op is BinaryOp.Multiply && right is ConstantNode && left is not ConstantNode) (left, right) = (right, left);
        return Intern(new NodeKey(NodeKind.Binary, (int)op, 0, left.Id, right.Id), id => new BinaryNode(id, op, left, right));
    }

    public Node Add(Node left, Node right) => Binary(BinaryOp.Add, left, right);
    public Node Subtract(Node left, Node right) => Binary(BinaryOp.Subtract, left, right);
    public Node Multiply(Node left, Node right) => Binary(BinaryOp.Multiply, left, right);
    public Node Divide(Node left, Node right) => Binary(BinaryOp.Divide, left, right);

    public Node Power(Node @base, double exponent)
    {
        exponent = ElementType.Round(exponent);
        if (@base is ConstantNode c) return Constant(ElementType.Power(c.Value, exponent));
        if (exponent == 1.0) return @base;      // Math.Pow(x, 1) == x for every x
        if (exponent == 0.0) return One;         // Math.Pow(x, 0) == 1 for every x, NaN included
        return Intern(new NodeKey(NodeKind.Power, 0, BitConverter.DoubleToInt64Bits(exponent), @base.Id), id => new PowerNode(id, @base, exponent));
    }

    public Node Conditional(Node test, Node ifTrue, Node ifFalse)
    {
        if (ReferenceEquals(ifTrue, ifFalse)) return ifTrue;
        if (test is LogicalNode { Op: LogicalOp.Not } not) (test, ifTrue, ifFalse) = (not.Children[0], ifFalse, ifTrue);
        return Intern(new NodeKey(NodeKind.Conditional, 0, 0, test.Id, ifTrue.Id, ifFalse.Id), id => new ConditionalNode(id, test, ifTrue, ifFalse));
    }

    public Node Compare(ComparisonOp op, Node left, Node right) =>
        Intern(new NodeKey(NodeKind.Comparison, (int)op, 0, left.Id, right.Id), id => new ComparisonNode(id, op, left, right));

    public Node Logical(LogicalOp op, Node left, Node? right = null)
    {
        if (op == LogicalOp.Not && left is LogicalNode { Op: LogicalOp.Not } inner) return inner.Children[0];
        Node[] operands = right is null ? [left] : [left, right];
        return Intern(new NodeKey(NodeKind.Logical, (int)op, 0, left.Id, right?.Id ?? -1), id => new LogicalNode(id, op, operands));
    }

    /// <summary>Identities that hold bit for bit for every double (NaN and infinities included).</summary>
    private Node? ExactIdentity(BinaryOp op, Node left, Node right) => op switch
    {
        BinaryOp.Add when IsNegativeZero(right) => left,
        BinaryOp.Add when IsNegativeZero(left) => right,
        BinaryOp.Add when right is UnaryNode { Op: UnaryOp.Negate } neg => Subtract(left, neg.Operand),   // a + (-b) == a - b
        BinaryOp.Add when ReferenceEquals(left, right) => Multiply(Constant(2.0), left),                  // x + x == 2x, exactly
        BinaryOp.Subtract when IsPositiveZero(right) => left,
        BinaryOp.Subtract when right is UnaryNode { Op: UnaryOp.Negate } neg => Add(left, neg.Operand),   // a - (-b) == a + b
        BinaryOp.Multiply when IsValue(left, 1.0) => right,
        BinaryOp.Multiply when IsValue(right, 1.0) => left,
        BinaryOp.Multiply when IsValue(left, -1.0) => Negate(right),
        BinaryOp.Multiply when IsValue(right, -1.0) => Negate(left),
        BinaryOp.Multiply when left is UnaryNode { Op: UnaryOp.Negate } a && right is UnaryNode { Op: UnaryOp.Negate } b => Multiply(a.Operand, b.Operand),
        BinaryOp.Divide when IsValue(right, 1.0) => left,
        BinaryOp.Divide when IsValue(right, -1.0) => Negate(left),
        BinaryOp.Pow when right is ConstantNode exponent => Power(left, exponent.Value),
        BinaryOp.Max or BinaryOp.Min when ReferenceEquals(left, right) => left,
        _ => null,
    };

    private static bool IsValue(Node node, double value) => node is ConstantNode c && c.Value == value;

    // The sign of zero matters: -0.0 == 0.0 in C#, so compare bits.
    private static bool IsPositiveZero(Node node) => node is ConstantNode c && BitConverter.DoubleToInt64Bits(c.Value) == 0;
    private static bool IsNegativeZero(Node node) => node is ConstantNode c && BitConverter.DoubleToInt64Bits(c.Value) == long.MinValue;

    private Node Intern(NodeKey key, Func<int, Node> make)
    {
        if (_interned.TryGetValue(key, out var existing)) return existing;
        var node = make(_nodes.Count);
        (node.FreeIndices, node.Reads) = IndicesOf(node);
        _interned.Add(key, node);
        _nodes.Add(node);
        return node;
    }

    /// <summary>
    /// Free indices: the children's, plus the indices an integer expression reads, minus the index a
    /// sum (or the two a grid) binds, closed over enclosing loops. Reads: the same before the closure.
    /// </summary>
    private (IReadOnlyList<ParameterExpression> Free, IReadOnlyList<ParameterExpression> Reads) IndicesOf(Node node)
    {
        if (_indices.Count == 0) return ([], []);
        var free = new HashSet<ParameterExpression>();
        var reads = new HashSet<ParameterExpression>();
        foreach (var child in node.Children) { free.UnionWith(child.FreeIndices); reads.UnionWith(child.Reads); }
        var own = new HashSet<ParameterExpression>();
        switch (node)
        {
            case OpaqueNode o: AddIndicesRead(o.Expression, own); break;
            case IndexedElementNode e: AddIndicesRead(e.Index, own); break;
            case TensorReadNode r: own.Add(r.Row); if (r.Column is { } column) own.Add(column); break;
            case SumNode s: Bind(s.Index); AddIndicesRead(s.Count, own); break;
            case ArgExtremumNode a: Bind(a.Index); AddIndicesRead(a.Count, own); break;
            case GridNode g: foreach (var (index, count) in g.Loops) { Bind(index); AddIndicesRead(count, own); } break;
            case FoldNode f: Bind(f.Index); Bind(f.Component); Bind(f.SeedComponent); AddIndicesRead(f.Count, own); AddIndicesRead(f.Width, own); break;
            case ReverseFoldNode b: foreach (var index in b.Binds) Bind(index); AddIndicesRead(b.Count, own); break;
            case FoldReadNode r: AddIndicesRead(r.Position, own); break;
        }
        free.UnionWith(own);
        reads.UnionWith(own);
        // A node reading j lives in every loop j is written in (and any its range reads): it is a
        // per-iteration value of those loops too, so its adjoint is scattered per (i, j).
        var pending = new Stack<ParameterExpression>(free);
        while (pending.Count > 0)
        {
            var index = _indices[pending.Pop()];
            var enclosing = new HashSet<ParameterExpression>();
            AddIndicesRead(index.Count, enclosing);
            if (index.Enclosing is { } outer) enclosing.Add(outer);
            foreach (var e in enclosing)
                if (free.Add(e)) pending.Push(e);
        }
        return (free.Count == 0 ? [] : [.. free], reads.Count == 0 ? [] : [.. reads]);

        void Bind(ParameterExpression index) { free.Remove(index); reads.Remove(index); }
    }

    private void AddIndicesRead(Expression expression, HashSet<ParameterExpression> free)
    {
        var pending = new Stack<Expression>();
        pending.Push(expression);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (e is ParameterExpression p && _indices.ContainsKey(p)) free.Add(p);
            foreach (var child in Diagnostics.ExpressionChildren.Of(e)) pending.Push(child);
        }
    }

    private enum NodeKind { Constant, Variable, Element, IndexedElement, Sum, ArgExtremum, Opaque, Unary, Binary, Power, Conditional, Comparison, Logical, Call, Grid, MatMul, TensorAdd, TensorRead, Fold, ReverseFold, FoldRead }

    private readonly record struct NodeKey(NodeKind Kind, int Op, long Bits, int A = -1, int B = -1, int C = -1, object? Reference = null);
}
