using System.Linq.Expressions;

namespace Symbolic.Graph;

/// <summary>A double literal, kept bit for bit.</summary>
internal sealed class ConstantNode : Node
{
    internal ConstantNode(int id, double value) : base(id) => Value = value;
    public double Value { get; }
    public override ReadOnlySpan<Node> Children => [];
}

/// <summary>A double parameter of the lambda: something derivatives can be taken with respect to.</summary>
internal sealed class VariableNode : Node
{
    internal VariableNode(int id, ParameterExpression parameter) : base(id) => Parameter = parameter;
    public ParameterExpression Parameter { get; }
    public override ReadOnlySpan<Node> Children => [];
}

/// <summary>
/// An opaque leaf: a sub-expression Symbolic does not look into (a captured variable, a field, a call on
/// constants, an integer expression). Its derivative is zero and it is re-emitted unchanged, so it is still
/// read at call time.
/// </summary>
internal sealed class OpaqueNode : Node
{
    internal OpaqueNode(int id, Expression expression) : base(id) => Expression = expression;
    public Expression Expression { get; }
    public override bool IsBoolean => Expression.Type == typeof(bool);
    public override ReadOnlySpan<Node> Children => [];
}

/// <summary>A function of one argument, such as sin(a) or -a.</summary>
internal sealed class UnaryNode : Node
{
    private readonly Node[] _children;
    internal UnaryNode(int id, UnaryOp op, Node operand) : base(id) { Op = op; _children = [operand]; }
    public UnaryOp Op { get; }
    public Node Operand => _children[0];
    public override ReadOnlySpan<Node> Children => _children;
}

/// <summary>A function of two arguments, such as a + b or atan2(a, b).</summary>
internal sealed class BinaryNode : Node
{
    private readonly Node[] _children;
    internal BinaryNode(int id, BinaryOp op, Node left, Node right) : base(id)
    {
        (Op, _children) = (op, [left, right]);
        HasGuardedTerm = op == BinaryOp.Add && (ConditionalNode.IsGuardedValue(left) || ConditionalNode.IsGuardedValue(right));
    }

    public BinaryOp Op { get; }

    /// <summary>
    /// A sum with a term that is zero off a branch (<c>test ? a : 0</c>, <see cref="ConditionalNode.IsGuarded"/>), directly or in a nested sum — what
    /// <see cref="Differentiation.GuardedArithmetic"/> must scale term by term. Known at construction, so a
    /// sum of fifty thousand terms is not walked again at every step of its derivative.
    /// </summary>
    public bool HasGuardedTerm { get; }

    public Node Left => _children[0];
    public Node Right => _children[1];
    public override ReadOnlySpan<Node> Children => _children;
}

/// <summary>
/// A power with a constant exponent, its own operation so that the derivative of x^3 never
/// contains log(x) and works for negative x.
/// </summary>
internal sealed class PowerNode : Node
{
    private readonly Node[] _children;
    internal PowerNode(int id, Node @base, double exponent) : base(id) { _children = [@base]; Exponent = exponent; }
    public Node Base => _children[0];
    public double Exponent { get; }
    public override ReadOnlySpan<Node> Children => _children;
}

/// <summary><c>test ? ifTrue : ifFalse</c>; only the branch taken is evaluated.</summary>
internal sealed class ConditionalNode : Node
{
    private readonly Node[] _children;
    internal ConditionalNode(int id, Node test, Node ifTrue, Node ifFalse) : base(id)
    {
        _children = [test, ifTrue, ifFalse];
        IsGuarded = IsZero(ifTrue) || IsZero(ifFalse) || IsGuardedValue(ifTrue) || IsGuardedValue(ifFalse);
    }

    /// <summary>
    /// Zero where some branch is not taken: a zero branch (<c>test ? a : 0</c>), or a guarded value in a branch —
    /// contributions under one test merged into <c>test ? (u ? a : 0) : (v ? b : 0)</c> are zero off u and v.
    /// <see cref="Differentiation.GuardedArithmetic"/> scales such a value inside its branches, so its zeros stay exact
    /// (a zero times the partial of a branch not taken, infinite or NaN there, would be NaN). Known at construction.
    /// </summary>
    public bool IsGuarded { get; }

    /// <summary>A value that is zero off a branch: a guarded conditional, or a sum with such a term.</summary>
    internal static bool IsGuardedValue(Node node) => node switch
    {
        ConditionalNode c => c.IsGuarded,
        BinaryNode b => b.HasGuardedTerm,
        _ => false,
    };

    private static bool IsZero(Node node) => node is ConstantNode { Value: 0 };

    public Node Test => _children[0];
    public Node IfTrue => _children[1];
    public Node IfFalse => _children[2];
    public override ReadOnlySpan<Node> Children => _children;
}

/// <summary>A comparison of two doubles (boolean-valued).</summary>
internal sealed class ComparisonNode : Node
{
    private readonly Node[] _children;
    internal ComparisonNode(int id, ComparisonOp op, Node left, Node right) : base(id) { Op = op; _children = [left, right]; }
    public ComparisonOp Op { get; }
    public Node Left => _children[0];
    public Node Right => _children[1];
    public override bool IsBoolean => true;
    public override ReadOnlySpan<Node> Children => _children;
}

/// <summary>A boolean connective; <see cref="LogicalOp.Not"/> has one child.</summary>
internal sealed class LogicalNode : Node
{
    private readonly Node[] _children;
    internal LogicalNode(int id, LogicalOp op, Node[] operands) : base(id) { Op = op; _children = operands; }
    public LogicalOp Op { get; }
    public override bool IsBoolean => true;
    public override ReadOnlySpan<Node> Children => _children;
}

/// <summary>
/// An element at a constant index of a differentiable array parameter (<c>x[3]</c> of a
/// <c>double[] x</c> being differentiated): a variable of its own.
/// </summary>
internal sealed class ElementNode : Node
{
    internal ElementNode(int id, ParameterExpression array, int index) : base(id) { Array = array; Index = index; }
    public ParameterExpression Array { get; }
    public int Index { get; }
    public override ReadOnlySpan<Node> Children => [];
}

/// <summary>
/// <c>x[index]</c> of a differentiable array where the index is an integer expression that is not a
/// constant — typically affine in loop indices (<c>x[i + 1]</c>) or read from data (<c>w[idx[i]]</c>).
/// Its adjoint is scattered: <c>gradient[index] += adjoint</c> inside the loop.
/// </summary>
internal sealed class IndexedElementNode : Node
{
    internal IndexedElementNode(int id, ParameterExpression array, Expression index) : base(id) { Array = array; Index = index; }
    public ParameterExpression Array { get; }
    public Expression Index { get; }
    public override ReadOnlySpan<Node> Children => [];
}

/// <summary>
/// Σ body for <c>Index</c> = 0 … Count − 1: the lowering of LINQ's Sum (and Average, Select, Zip,
/// Where). The body may read <c>Index</c>; nodes that do not are loop invariants, computed once
/// outside the loop. Emitted as a loop, never unrolled.
/// </summary>
internal sealed class SumNode : Node
{
    private readonly Node[] _children;
    internal SumNode(int id, ParameterExpression index, Expression count, Node body) : base(id) { Index = index; Count = count; _children = [body]; }
    public ParameterExpression Index { get; }
    public Expression Count { get; }
    public Node Body => _children[0];
    public override ReadOnlySpan<Node> Children => _children;
}

/// <summary>
/// The first index (as a double) at which the body is largest (<c>IsMax</c>) or smallest over
/// <c>Index</c> = 0 … Count − 1: LINQ's Max and Min are the body at this index, so their derivative
/// is the body's derivative there (a subgradient). Piecewise constant: its own derivative is zero.
/// </summary>
internal sealed class ArgExtremumNode : Node
{
    private readonly Node[] _children;
    internal ArgExtremumNode(int id, ParameterExpression index, Expression count, Node body, bool isMax) : base(id)
    {
        (Index, Count, IsMax) = (index, count, isMax);
        _children = [body];
    }
    public ParameterExpression Index { get; }
    public Expression Count { get; }
    public bool IsMax { get; }
    public Node Body => _children[0];
    public override ReadOnlySpan<Node> Children => _children;
}

/// <summary>
/// A call to a method Symbolic knows the partial derivatives of (<see cref="Functions"/>, a
/// <see cref="DerivativeAttribute"/>, a rule in a <see cref="DerivativeRegistry"/>): emitted as the call.
/// </summary>
internal sealed class CallNode : Node
{
    private readonly Node[] _children;
    internal CallNode(int id, Extensibility.DifferentiatedCall rule, Node[] arguments, DerivativeRegistry rules) : base(id) { Rule = rule; _children = arguments; Rules = rules; }
    public Extensibility.DifferentiatedCall Rule { get; }
    /// <summary>The registry <see cref="Rule"/> was found in: its partials' own calls are looked up there.</summary>
    public DerivativeRegistry Rules { get; }
    public System.Reflection.MethodInfo Method => Rule.Method;
    public override ReadOnlySpan<Node> Children => _children;
}
