using Symbolic.Graph;

namespace Symbolic.Simplification;

/// <summary>What a rule may know besides the node: the graph to build in, and how the node is used.</summary>
internal sealed class RewriteContext(NodeGraph graph, IReadOnlyDictionary<Node, int> uses, bool isOperandOfSameKind)
{
    public NodeGraph Graph { get; } = graph;

    /// <summary>
    /// Whether a node is used more than once. Rules only look through unshared operands, so that a
    /// shared sub-expression is never copied into several places (no expression swell).
    /// Nodes made by rules during this pass count as unshared.
    /// </summary>
    public bool IsShared(Node node) => uses.TryGetValue(node, out var count) && count > 1;

    /// <summary>
    /// True when the node is the only operand of a node of the same family (a sum inside a sum, a
    /// product inside a product). The enclosing node will flatten it anyway; normalising it here too
    /// would make long chains quadratic.
    /// </summary>
    public bool IsOperandOfSameKind { get; } = isOperandOfSameKind;
}
