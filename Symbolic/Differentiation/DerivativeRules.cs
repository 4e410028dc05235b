using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>
/// The one table of calculus: the local partial derivatives of every operation, built as nodes of
/// the same graph. The chain rule lives elsewhere (<see cref="ForwardDifferentiator"/>); this table
/// only knows ∂node/∂child. Where possible a partial reuses the node itself (u = the node's value):
/// exp, tan, tanh, sqrt, cbrt, division and powers.
/// </summary>
internal static class DerivativeRules
{
    public static LocalDerivative For(NodeGraph g, Node node) => node switch
    {
        ConstantNode or VariableNode or ElementNode or IndexedElementNode or OpaqueNode => Constant.Instance,
        SumNode s => new Summation(s),
        ArgExtremumNode => Constant.Instance,
        UnaryNode u => OfUnary(g, u),
        BinaryNode b => OfBinary(g, b),
        PowerNode p => One(p.Base, g.Multiply(g.Constant(p.Exponent), g.Power(p.Base, p.Exponent - 1))),
        ConditionalNode c => new Selection(c.Test, c.IfTrue, c.IfFalse),
        ComparisonNode or LogicalNode => Constant.Instance,
        CallNode c => OfCall(g, c),
        StateLoopNode or FoldReadNode => throw new NotSupportedException(
            "Reverse mode over the reverse sweep of an Aggregate (a third derivative) is not supported; Grad, Diff, Jvp, Jacobian, Hvp and Hessian through folds are."),
        _ => throw new InvalidOperationException($"No derivative rule for node kind {node.GetType().Name}."),
    };

    /// <summary>A call with a rule: each partial is the rule's lambda, lowered with its parameters bound to the call's arguments.</summary>
    private static LocalDerivative OfCall(NodeGraph g, CallNode node)
    {
        var arguments = node.Children.ToArray();
        if (node.Rule.Partials is null)
            throw new NotSupportedException(
                $"Cannot differentiate {node.Method.DeclaringType?.Name}.{node.Method.Name}: it computes a partial derivative in another method's rule and has no rule of its own (give it a [Derivative] attribute or Define it for higher derivatives).");
        return new Partials([.. node.Rule.Partials.Select((partial, k) => new Partial(arguments[k], Lowering.ExpressionLowerer.LowerWith(g, partial, arguments, node.Rules)))]);
    }

    private static LocalDerivative OfUnary(NodeGraph g, UnaryNode node)
    {
        var a = node.Operand;
        Node u = node;
        Node C(double value) => g.Constant(value);
        Node Inverse(Node x) => g.Divide(C(1), x);
        Node Square(Node x) => g.Power(x, 2);
        return node.Op switch
        {
            UnaryOp.Negate => One(a, C(-1)),
            UnaryOp.Sin => One(a, g.Unary(UnaryOp.Cos, a)),
            UnaryOp.Cos => One(a, g.Negate(g.Unary(UnaryOp.Sin, a))),
            UnaryOp.Tan => One(a, g.Add(C(1), Square(u))),
            UnaryOp.Asin => One(a, Inverse(g.Unary(UnaryOp.Sqrt, g.Subtract(C(1), Square(a))))),
            UnaryOp.Acos => One(a, g.Negate(Inverse(g.Unary(UnaryOp.Sqrt, g.Subtract(C(1), Square(a)))))),
            UnaryOp.Atan => One(a, Inverse(g.Add(C(1), Square(a)))),
            UnaryOp.Sinh => One(a, g.Unary(UnaryOp.Cosh, a)),
            UnaryOp.Cosh => One(a, g.Unary(UnaryOp.Sinh, a)),
            UnaryOp.Tanh => One(a, g.Subtract(C(1), Square(u))),
            UnaryOp.Asinh => One(a, Inverse(g.Unary(UnaryOp.Sqrt, g.Add(Square(a), C(1))))),
            // (a-1)(a+1) rather than a²-1: no cancellation near a = 1.
            UnaryOp.Acosh => One(a, Inverse(g.Unary(UnaryOp.Sqrt, g.Multiply(g.Subtract(a, C(1)), g.Add(a, C(1)))))),
            UnaryOp.Atanh => One(a, Inverse(g.Multiply(g.Subtract(C(1), a), g.Add(C(1), a)))),
            UnaryOp.Exp => One(a, u),
            UnaryOp.Log => One(a, Inverse(a)),
            UnaryOp.Log10 => One(a, Inverse(g.Multiply(C(Math.Log(10)), a))),
            UnaryOp.Log2 => One(a, Inverse(g.Multiply(C(Math.Log(2)), a))),
            UnaryOp.Sqrt => One(a, g.Divide(C(0.5), u)),
            UnaryOp.Cbrt => One(a, Inverse(g.Multiply(C(3), Square(u)))),
            // Convention at the kink: d|a|/da = sign(a) = 0 at a = 0 (a subgradient).
            UnaryOp.Abs => One(a, g.Unary(UnaryOp.Sign, a)),
            // Piecewise constant: zero almost everywhere; the jumps are not differentiable and we report 0 there too.
            UnaryOp.Sign or UnaryOp.Floor or UnaryOp.Ceiling or UnaryOp.Round or UnaryOp.Truncate => Constant.Instance,
        };
    }

    private static LocalDerivative OfBinary(NodeGraph g, BinaryNode node)
    {
        var (a, b) = (node.Left, node.Right);
        Node u = node;
        Node C(double value) => g.Constant(value);
        return node.Op switch
        {
            BinaryOp.Add => Two(a, C(1), b, C(1)),
            BinaryOp.Subtract => Two(a, C(1), b, C(-1)),
            BinaryOp.Multiply => Two(a, b, b, a),
            BinaryOp.Divide => Two(a, g.Divide(C(1), b), b, g.Negate(g.Divide(u, b))),
            // d(a^b) = b·a^(b-1) da + a^b·log(a) db; the log term only appears when b varies. An exponent
            // not known when differentiating (a captured n) may be 0, and 0·0^-1 is NaN where x^0 is flat.
            BinaryOp.Pow => Two(a, g.Conditional(g.Compare(ComparisonOp.Equal, b, C(0)), C(0), g.Multiply(b, g.Binary(BinaryOp.Pow, a, g.Subtract(b, C(1))))),
                                b, g.Multiply(u, g.Unary(UnaryOp.Log, a))),
            BinaryOp.Atan2 => Atan2(g, a, b),
            // Ties go to the left operand (a subgradient); documented in docs/derivative-rules.md.
            BinaryOp.Max => new Selection(g.Compare(ComparisonOp.GreaterThanOrEqual, a, b), a, b),
            BinaryOp.Min => new Selection(g.Compare(ComparisonOp.LessThanOrEqual, a, b), a, b),
            // log_b(a) = log a / log b.
            BinaryOp.LogBase => Two(a, g.Divide(C(1), g.Multiply(a, g.Unary(UnaryOp.Log, b))),
                                    b, g.Negate(g.Divide(u, g.Multiply(b, g.Unary(UnaryOp.Log, b))))),
        };
    }

    // atan2(y, x): ∂/∂y = x/(x²+y²), ∂/∂x = -y/(x²+y²).
    private static LocalDerivative Atan2(NodeGraph g, Node y, Node x)
    {
        var radiusSquared = g.Add(g.Power(x, 2), g.Power(y, 2));
        return Two(y, g.Divide(x, radiusSquared), x, g.Negate(g.Divide(y, radiusSquared)));
    }

    private static Partials One(Node child, Node factor) => new([new Partial(child, factor)]);

    private static Partials Two(Node a, Node da, Node b, Node db) => new([new Partial(a, da), new Partial(b, db)]);
}
