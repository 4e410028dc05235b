using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.Simplification.Rules;

/// <summary>
/// A product as ±(n/d)·Π baseᵢ^eᵢ: equal bases (the same interned node) have their exponents added,
/// factors with exponent 0 vanish, constant factors multiply into n (numerator) and d (denominator,
/// kept apart so x/3 stays x/3 rather than 0.333…·x). Looks through unshared products only; powers
/// are read as (base, exponent) but their bases are not looked into.
/// </summary>
internal static class ProductNormalForm
{
    public static Node? Apply(RewriteContext ctx, Node node)
    {
        if (ctx.IsOperandOfSameKind || !IsProduct(node)) return null;
        var factors = new List<(Node Base, double Exponent)>();
        var index = new Dictionary<Node, int>();
        double numerator = 1.0, denominator = 1.0;
        var pending = new Stack<(Node Node, double Exponent)>();
        pending.Push((node, 1.0));
        while (pending.Count > 0)
        {
            var (current, exponent) = pending.Pop();
            var expandable = current == node || !ctx.IsShared(current) || IsSmallMonomial(current);
            switch (current)
            {
                case BinaryNode { Op: BinaryOp.Multiply } product when expandable:
                    pending.Push((product.Right, exponent));
                    pending.Push((product.Left, exponent));
                    break;
                case BinaryNode { Op: BinaryOp.Divide } quotient when expandable:
                    pending.Push((quotient.Right, -exponent));
                    pending.Push((quotient.Left, exponent));
                    break;
                case UnaryNode { Op: UnaryOp.Negate } negation when expandable:
                    numerator = -numerator;
                    pending.Push((negation.Operand, exponent));
                    break;
                case ConstantNode c when exponent > 0:
                    numerator *= c.Value;
                    break;
                case ConstantNode c:
                    denominator *= c.Value;
                    break;
                case PowerNode power:
                    AddFactor(power.Base, exponent * power.Exponent);
                    break;
                default:
                    AddFactor(current, exponent);
                    break;
            }
        }
        // Canonical factor order (creation order: variables and leaves first), so k·x and x·k are one term.
        factors.Sort(static (a, b) => a.Base.Id.CompareTo(b.Base.Id));
        return Rebuild(ctx.Graph, factors, numerator, denominator);

        void AddFactor(Node @base, double exponent)
        {
            if (index.TryGetValue(@base, out var at)) factors[at] = (@base, factors[at].Exponent + exponent);
            else { index[@base] = factors.Count; factors.Add((@base, exponent)); }
        }
    }

    /// <summary>
    /// A shared product of two simple factors (2·x, k·x, 0.5/sqrt(x)) may be looked into: copying two
    /// factors costs nothing, whereas looking into large shared products would copy them into every user.
    /// </summary>
    private static bool IsSmallMonomial(Node node) =>
        node is BinaryNode { Op: BinaryOp.Multiply or BinaryOp.Divide } b && IsSimpleFactor(b.Left) && IsSimpleFactor(b.Right);

    private static bool IsSimpleFactor(Node node) => node switch
    {
        ConstantNode or VariableNode or ElementNode or OpaqueNode => true,
        PowerNode or UnaryNode => node.Children[0] is VariableNode or ElementNode or OpaqueNode,
        _ => false,
    };

    /// <summary>A run-time check (Average's count of an empty sequence throws): never simplified away.</summary>
    internal static bool IsCheck(Node node) => node is OpaqueNode { Expression: System.Linq.Expressions.MethodCallExpression call }
        && call.Method.DeclaringType == typeof(LinqRuntime)
        || node is BinaryNode { Op: BinaryOp.Multiply or BinaryOp.Divide } b && (IsCheck(b.Left) || IsCheck(b.Right));

    private static bool IsProduct(Node node) => node is BinaryNode { Op: BinaryOp.Multiply or BinaryOp.Divide }
        or UnaryNode { Op: UnaryOp.Negate, Operand: BinaryNode { Op: BinaryOp.Multiply or BinaryOp.Divide } };

    private static Node Rebuild(NodeGraph g, List<(Node Base, double Exponent)> factors, double numerator, double denominator)
    {
        // 0·x = 0, unless x is a check (Average's count of an empty sequence throws): keep 0·check.
        if (numerator == 0 && double.IsFinite(denominator))
            return factors.FirstOrDefault(f => IsCheck(f.Base)).Base is { } check ? g.Multiply(g.Zero, check) : g.Zero;
        var negative = numerator < 0;
        if (negative) numerator = -numerator;
        if (denominator < 0) { denominator = -denominator; negative = !negative; }

        Node? top = null, bottom = null;
        foreach (var (@base, exponent) in factors)
        {
            if (exponent > 0) top = Times(g, top, g.Power(@base, exponent));
            else if (exponent < 0) bottom = Times(g, bottom, g.Power(@base, -exponent));
        }
        if (numerator != 1) top = top is null ? g.Constant(numerator) : g.Multiply(g.Constant(numerator), top);
        if (denominator != 1) bottom = bottom is null ? g.Constant(denominator) : g.Multiply(g.Constant(denominator), bottom);
        var result = bottom is null ? top ?? g.One : g.Divide(top ?? g.One, bottom);
        return negative ? g.Negate(result) : result;
    }

    private static Node Times(NodeGraph g, Node? product, Node factor) => product is null ? factor : g.Multiply(product, factor);
}
