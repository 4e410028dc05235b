using Symbolic.Graph;

namespace Symbolic.Simplification.Rules;

/// <summary>
/// A sum as Σ cᵢ·termᵢ + constant: like terms (the same interned node) are collected, zero terms
/// dropped, constants folded. Terms keep the order of their first occurrence, so the product rule's
/// <c>da·b + a·db</c> still reads that way. Looks through unshared additions only.
/// </summary>
internal static class SumNormalForm
{
    public static Node? Apply(RewriteContext ctx, Node node)
    {
        if (ctx.IsOperandOfSameKind || !IsSum(node)) return null;
        // Coefficients and constants are collected, then each summed rounded once (ExactSum): the folded value must not
        // depend on the order the terms were met in.
        var terms = new List<(Node Term, List<double> Coefficients)>();
        var index = new Dictionary<Node, int>();
        var constants = new List<double>();
        var pending = new Stack<(Node Node, double Sign)>();
        pending.Push((node, 1.0));
        while (pending.Count > 0)
        {
            var (current, sign) = pending.Pop();
            var expandable = current == node || !ctx.IsShared(current);
            switch (current)
            {
                case BinaryNode { Op: BinaryOp.Add } add when expandable:
                    pending.Push((add.Right, sign));
                    pending.Push((add.Left, sign));
                    break;
                case BinaryNode { Op: BinaryOp.Subtract } sub when expandable:
                    pending.Push((sub.Right, -sign));
                    pending.Push((sub.Left, sign));
                    break;
                case UnaryNode { Op: UnaryOp.Negate } neg when expandable:
                    pending.Push((neg.Operand, -sign));
                    break;
                case ConstantNode c:
                    constants.Add(sign * c.Value);
                    break;
                case BinaryNode { Op: BinaryOp.Multiply, Left: ConstantNode c } product:
                    AddTerm(product.Right, sign * c.Value);
                    break;
                default:
                    AddTerm(current, sign);
                    break;
            }
        }
        return Rebuild(ctx.Graph, [.. terms.Select(t => (t.Term, ExactSum.Of(t.Coefficients)))], ExactSum.Of(constants));

        void AddTerm(Node term, double coefficient)
        {
            if (index.TryGetValue(term, out var at)) terms[at].Coefficients.Add(coefficient);
            else { index[term] = terms.Count; terms.Add((term, [coefficient])); }
        }
    }

    private static bool IsSum(Node node) => node is BinaryNode { Op: BinaryOp.Add or BinaryOp.Subtract }
        or UnaryNode { Op: UnaryOp.Negate, Operand: BinaryNode { Op: BinaryOp.Add or BinaryOp.Subtract } };

    private static Node Rebuild(NodeGraph g, List<(Node Term, double Coefficient)> terms, double constant)
    {
        // Lead with a positive term when there is one: "b - a" rather than "-a + b", "1 - t" rather than "-t + 1".
        var lead = terms.FindIndex(t => t.Coefficient > 0);
        if (lead > 0) terms = [terms[lead], .. terms[..lead], .. terms[(lead + 1)..]];
        Node? sum = lead < 0 && constant > 0 ? g.Constant(constant) : null;
        if (sum is not null) constant = 0;
        foreach (var (term, coefficient) in terms)
        {
            if (coefficient == 0 && !ProductNormalForm.IsCheck(term)) continue;
            if (sum is null) sum = Scale(g, term, coefficient);
            else if (coefficient < 0) sum = g.Subtract(sum, Scale(g, term, -coefficient));
            else sum = g.Add(sum, Scale(g, term, coefficient));
        }
        if (constant == 0) return sum ?? g.Zero;
        if (sum is null) return g.Constant(constant);
        return constant < 0 ? g.Subtract(sum, g.Constant(-constant)) : g.Add(sum, g.Constant(constant));
    }

    private static Node Scale(NodeGraph g, Node term, double coefficient) => coefficient switch
    {
        1 => term,
        -1 => g.Negate(term),
        _ => g.Multiply(g.Constant(coefficient), term),
    };
}
