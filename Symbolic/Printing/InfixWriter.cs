using System.Text;
using Symbolic.Graph;

namespace Symbolic.Printing;

/// <summary>A piece of a node's printed form: literal text, or an operand printed at a minimum binding strength.</summary>
internal abstract record LayoutItem;

/// <summary>Literal text.</summary>
internal sealed record LayoutText(string Value) : LayoutItem;

/// <summary>An operand, parenthesised when its own strength is below <paramref name="MinStrength"/>.</summary>
internal sealed record LayoutOperand(Node Node, int MinStrength) : LayoutItem;

/// <summary>
/// Prints a graph with a notation's layout (plain text, LaTeX): the fewest parentheses that keep the
/// meaning, and, when inlining shared nodes would make the text large, names for them listed after
/// the expression. Iterative, so a 100,000-deep chain prints without exhausting the stack.
/// </summary>
/// <param name="layout">A node's binding strength and parts.</param>
/// <param name="open">The opening parenthesis of the notation.</param>
/// <param name="close">The closing parenthesis.</param>
internal sealed class InfixWriter(Func<Node, (int Strength, LayoutItem[] Parts)> layout, string open, string close)
{
    private const int MaxInlineSize = 400;

    /// <param name="root">The expression.</param>
    /// <param name="name">The name of the k-th shared node (from 1).</param>
    /// <param name="where">Text before the first definition of a shared node.</param>
    /// <param name="separator">Text between definitions.</param>
    public string Print(Node root, Func<int, string> name, string where, string separator)
    {
        var reachable = GraphTraversal.Reachable([root]);
        var names = NamesForSharedNodes(reachable, root, name);
        var text = new StringBuilder();
        Write(text, root, names, isDefinition: false);
        var definitions = names.OrderBy(p => p.Key.Id).ToList();
        for (var i = 0; i < definitions.Count; i++)
        {
            text.Append(i == 0 ? where : separator).Append(definitions[i].Value).Append(" = ");
            Write(text, definitions[i].Key, names, isDefinition: true);
        }
        return text.ToString();
    }

    /// <summary>No names when the fully inlined text stays small; otherwise one per shared non-leaf node.</summary>
    private static Dictionary<Node, string> NamesForSharedNodes(List<Node> reachable, Node root, Func<int, string> name)
    {
        var size = new Dictionary<Node, long>();
        foreach (var node in reachable)
        {
            long total = 1;
            foreach (var child in node.Children) total = Math.Min(total + size[child], long.MaxValue / 4);
            size[node] = total;
        }
        var names = new Dictionary<Node, string>();
        if (size[root] <= MaxInlineSize) return names;
        var uses = GraphTraversal.UseCounts(reachable, [root]);
        foreach (var node in reachable)
            if (uses[node] > 1 && node.Children.Length > 0 && node != root) names[node] = name(names.Count + 1);
        return names;
    }

    private void Write(StringBuilder text, Node root, Dictionary<Node, string> names, bool isDefinition)
    {
        var pending = new Stack<LayoutItem>();
        pending.Push(new LayoutOperand(root, 0));
        var first = isDefinition;
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case LayoutText t:
                    text.Append(t.Value);
                    break;
                case LayoutOperand(var node, var minStrength):
                    if (!first && names.TryGetValue(node, out var shared)) { text.Append(shared); break; }
                    first = false;
                    var (strength, parts) = layout(node);
                    var parenthesise = strength < minStrength;
                    if (parenthesise) pending.Push(new LayoutText(close));
                    for (var i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
                    if (parenthesise) pending.Push(new LayoutText(open));
                    break;
            }
        }
    }
}
