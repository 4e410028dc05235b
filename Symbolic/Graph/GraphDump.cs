using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Symbolic.Diagnostics;

namespace Symbolic.Graph;

/// <summary>
/// The IR as text, one line per node in topological (children-first) order, for print-after-each-pass:
/// <c>%3 = mul %1 %2</c>, <c>%7 = sum i &lt; 10: %6</c>, <c>%9 = matmul %4 %8ᵀ</c>, then one line per root
/// (<c>out0 = %9</c>). Nodes are numbered by their position in the dump, not by their ids, so two graphs
/// that hold the same nodes dump alike whatever else was built in them.
/// </summary>
internal static class GraphDump
{
    /// <summary>The nodes reachable from <paramref name="roots"/>, then the roots (named by <paramref name="rootNames"/> when given).</summary>
    public static string Of(IReadOnlyList<Node> roots, IReadOnlyList<string>? rootNames = null)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (rootNames is not null && rootNames.Count != roots.Count)
            throw new ArgumentException($"{rootNames.Count} names for {roots.Count} roots.", nameof(rootNames));
        var reachable = GraphTraversal.Reachable(roots);
        var numbers = new Dictionary<Node, int>(reachable.Count);
        var text = new StringBuilder();
        foreach (var node in reachable)
        {
            numbers[node] = numbers.Count;
            text.Append('%').Append(numbers[node]).Append(" = ").Append(Describe(node, numbers)).Append('\n');
        }
        for (var k = 0; k < roots.Count; k++)
            text.Append(rootNames?[k] ?? $"out{k}").Append(" = %").Append(numbers[roots[k]]).Append('\n');
        return text.ToString();
    }

    private static string Describe(Node node, Dictionary<Node, int> numbers)
    {
        string Ref(Node child) => "%" + numbers[child].ToString(CultureInfo.InvariantCulture);
        return node switch
        {
            ConstantNode c => "const " + c.Value.ToString("R", CultureInfo.InvariantCulture),
            VariableNode v => "var " + v.Parameter.Name,
            ElementNode e => $"elem {e.Array.Name}[{e.Index}]",
            IndexedElementNode e => $"elem {e.Array.Name}[{ExpressionQuoter.Quote(e.Index)}]",
            OpaqueNode o => "opaque " + ExpressionQuoter.Quote(o.Expression),
            UnaryNode u => $"{Lower(u.Op)} {Ref(u.Operand)}",
            BinaryNode b => $"{Lower(b.Op)} {Ref(b.Left)} {Ref(b.Right)}",
            PowerNode p => $"pow {Ref(p.Base)} {p.Exponent.ToString("R", CultureInfo.InvariantCulture)}",
            ConditionalNode c => $"select {Ref(c.Test)} {Ref(c.IfTrue)} {Ref(c.IfFalse)}",
            ComparisonNode c => $"cmp.{Lower(c.Op)} {Ref(c.Left)} {Ref(c.Right)}",
            LogicalNode l => $"{Lower(l.Op)} {string.Join(" ", l.Children.ToArray().Select(Ref))}",
            CallNode c => $"call {c.Method.DeclaringType?.Name}.{c.Method.Name} {string.Join(" ", c.Children.ToArray().Select(Ref))}",
            SumNode s => $"sum {s.Index.Name} < {Count(s.Count)}: {Ref(s.Body)}",
            ArgExtremumNode a => $"{(a.IsMax ? "argmax" : "argmin")} {a.Index.Name} < {Count(a.Count)}: {Ref(a.Body)}",
            GridNode g => $"grid [{g.Row.Name}, {g.Column.Name}] {Count(g.Rows)}x{Count(g.Columns)} over {string.Join(", ", g.Loops.Select(l => l.Index.Name))}: {Ref(g.Body)}",
            MatMulNode m => $"matmul {Ref(m.Left)}{(m.TransposeLeft ? "ᵀ" : "")} {Ref(m.Right)}{(m.TransposeRight ? "ᵀ" : "")}",
            TensorAddNode a => $"tadd {Ref(a.Left)} {Ref(a.Right)}",
            TensorReadNode r => $"read {Ref(r.Tensor)}[{r.Row.Name}{(r.Column is { } column ? ", " + column.Name : "")}]",
            FoldNode f => $"fold {f.Index.Name} < {Count(f.Count)} width {Count(f.Width)} into {f.States.Name}: seed {Ref(f.Seed)} step {Ref(f.Step)}",
            ReverseFoldNode b => $"reverse-fold {b.Index.Name} < {Count(b.Count)} width {Count(b.Width)} into {b.States.Name}: "
                + string.Join(" ", b.SeedScatters.Concat(b.StepScatters).Select(s => $"[{ExpressionQuoter.Quote(s.Element.Index)}] += {Ref(s.Adjoint)}")),
            FoldReadNode r => $"read {Ref(r.Fold)}[{ExpressionQuoter.Quote(r.Position)}]",
            _ => node.GetType().Name,
        };
    }

    /// <summary>A loop count: the number for a constant range (<c>RangeCount(10)</c> is 10), the expression otherwise.</summary>
    private static string Count(Expression count) => count switch
    {
        ConstantExpression { Value: int n } => n.ToString(CultureInfo.InvariantCulture),
        MethodCallExpression { Method.Name: "RangeCount", Arguments: [ConstantExpression { Value: int n }] } => n.ToString(CultureInfo.InvariantCulture),
        _ => ExpressionQuoter.Quote(count),
    };

    private static string Lower<T>(T op) where T : struct, Enum => op.ToString().ToLowerInvariant();
}
