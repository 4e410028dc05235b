using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>
/// The reuse-fold-steps pass, run after reverse mode: the backward sweep and the sums over the steps rebuild the
/// step's body over the stored states (<see cref="FoldAdjoint"/>), and where they use the step's value itself — the
/// tanh of an RNN's pre-activation, whose derivative is 1 − tanh² — that value is the next stored state. It is read
/// there (row t + 1 of the buffer) instead of being computed again, and with it everything only it needed (the
/// pre-activation's W·h and U·x) leaves the sweep.
/// </summary>
internal static class StoredStepValues
{
    /// <summary>The roots with every fold's step, rebuilt over its stored states, replaced by the read of the state it stored.</summary>
    public static Node[] Apply(NodeGraph g, IReadOnlyList<Node> roots)
    {
        var replaced = new Dictionary<Node, Node>();
        foreach (var fold in GraphTraversal.Reachable(roots).OfType<FoldNode>())
        {
            Node? Stored(Node leaf) => leaf is IndexedElementNode e && e.Array == fold.States ? g.FoldRead(fold, e.Index) : null;
            var step = LeafSubstitution.Apply(g, fold.Step, Stored, []);
            // A step that reads no state is its own value everywhere (the fold's loop included): nothing to replace.
            if (ReferenceEquals(step, fold.Step)) continue;
            // A step that reads no component index builds every component alike: component 0 holds it.
            var component = step.FreeIndices.Contains(fold.Component) ? (Expression)fold.Component : Expression.Constant(0);
            replaced.TryAdd(step, g.FoldRead(fold, fold.At(Expression.Add(fold.Index, Expression.Constant(1)), component)));
        }
        if (replaced.Count == 0) return [.. roots];
        return [.. roots.Select(root => LeafSubstitution.Apply(g, root, _ => null, replaced))];
    }
}
