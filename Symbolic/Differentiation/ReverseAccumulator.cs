using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>
/// Reverse mode (backpropagation): adjoint(n) = Σ over users p of adjoint(p) · ∂p/∂n, computed by one
/// walk of the graph in reverse id order, so each node's adjoint is formed once, after all its users.
/// This evaluates the chain rule's product of Jacobians from the loss backwards as vector–Jacobian
/// products; its cost is a small constant times the function's, whatever the number of variables.
/// </summary>
/// <remarks>
/// Contributions are collected per node and summed once when the node is reached (no long nested
/// chains of additions). Only nodes that depend on a variable receive adjoints ("active" nodes).
/// </remarks>
internal static class ReverseAccumulator
{
    /// <summary>
    /// The adjoint of every variable: Σₖ seedₖ · ∂outputₖ/∂variable. Variables the outputs do not
    /// depend on map to zero.
    /// </summary>
    public static Node[] Adjoints(NodeGraph g, IReadOnlyList<(Node Output, Node Seed)> seeds, IReadOnlyList<Node> variables)
    {
        var (adjoints, scatters) = Backpropagate(g, seeds, variables, []);
        return scatters.Count == 0 ? adjoints : throw new NotSupportedException(
            "Jacobians, Hessians and their products of models with LINQ loops over x (x[i] inside Sum, Select, Zip) are not supported yet; Grad and CompileGradient are.");
    }

    /// <summary>
    /// Backpropagation with loops: the adjoints of the constant-index variables, and for each element
    /// read at a loop-dependent index (<c>x[i + 1]</c>), its per-iteration adjoint, to be scattered
    /// (<c>gradient[i + 1] += adjoint</c>) by a loop over the indices it depends on.
    /// </summary>
    public static (Node[] Adjoints, IReadOnlyList<Scatter> Scatters) Backpropagate(
        NodeGraph g, IReadOnlyList<(Node Output, Node Seed)> seeds, IReadOnlyList<Node> variables, IReadOnlyList<IndexedElementNode> indexedVariables)
    {
        var reachable = GraphTraversal.Reachable(seeds.Select(s => s.Output));
        var active = ActiveNodes(reachable, [.. variables, .. indexedVariables]);
        var contributions = new Dictionary<Node, List<Node>>();
        foreach (var (output, seed) in seeds)
            if (active.Contains(output)) Contribute(contributions, output, seed);

        var adjoints = new Dictionary<Node, Node>();
        // The adjoints of each fold's final state, collected from its reads until the walk reaches the fold.
        var finals = new Dictionary<FoldNode, List<(System.Linq.Expressions.Expression, Node)>>();
        var stops = new HashSet<Node>(variables);
        for (var i = reachable.Count - 1; i >= 0; i--)
        {
            var node = reachable[i];
            if (node is FoldNode fold && finals.Remove(fold, out var reads))
                FoldAdjoint.Propagate(g, fold, reads, active.Contains, (child, term) => Contribute(contributions, child, term));
            if (!contributions.Remove(node, out var terms)) continue;
            var adjoint = Sum(g, terms);
            adjoints[node] = adjoint;
            g.NoteAdjoint(adjoint, node);
            if (node is FoldReadNode { Fold: FoldNode read } final) (finals.TryGetValue(read, out var list) ? list : finals[read] = []).Add((final.Position, adjoint));
            // A variable is where the walk stops (a fold's adjoint asks for the adjoints of what its step reads, not beyond).
            else if (!stops.Contains(node)) Propagate(g, node, adjoint, active, contributions);
        }
        var scatters = indexedVariables.Where(adjoints.ContainsKey).Select(e => new Scatter(e, adjoints[e])).ToList();
        // Elements a fold's sweep accumulated, received after it at loop indices of their own (FoldAccumulators): not walked, scattered.
        var arrays = indexedVariables.Select(e => e.Array).ToHashSet();
        HashSet<Node> walked = contributions.Count == 0 ? [] : reachable.ToHashSet();
        foreach (var (node, terms) in contributions)
            if (node is IndexedElementNode { } e && !walked.Contains(e))
                scatters.Add(arrays.Contains(e.Array) ? new Scatter(e, Sum(g, terms)) : throw new InvalidOperationException($"An adjoint of {e.Array.Name} has no receiver."));
        return ([.. variables.Select(v => adjoints.GetValueOrDefault(v) ?? g.Zero)], scatters);
    }

    /// <summary>Pushes adjoint · ∂node/∂child to every active child.</summary>
    private static void Propagate(NodeGraph g, Node node, Node adjoint, HashSet<Node> active, Dictionary<Node, List<Node>> contributions)
    {
        if (TensorAdjoints.Handles(node))
        {
            TensorAdjoints.Propagate(g, node, adjoint, active.Contains, (child, term) => Contribute(contributions, child, term));
            return;
        }
        switch (DerivativeRules.For(g, node))
        {
            case Partials partials:
                foreach (var (child, factor) in partials.Terms)
                    if (active.Contains(child)) Contribute(contributions, child, SummedOver(g, node, child, GuardedArithmetic.Scale(g, adjoint, factor)));
                break;
            // Only the selected operand receives the adjoint; the other gets an exact zero, never 0·NaN.
            case Selection s:
                if (active.Contains(s.IfTrue)) Contribute(contributions, s.IfTrue, SummedOver(g, node, s.IfTrue, GuardedArithmetic.Select(g, s.Test, true, adjoint)));
                if (active.Contains(s.IfFalse)) Contribute(contributions, s.IfFalse, SummedOver(g, node, s.IfFalse, GuardedArithmetic.Select(g, s.Test, false, adjoint)));
                break;
            // Every term of the sum has the sum's adjoint (a loop invariant).
            case Summation s:
                if (active.Contains(s.Sum.Body)) Contribute(contributions, s.Sum.Body, adjoint);
                break;
            case Constant:
                break;
        }
    }

    /// <summary>
    /// A contribution from a node inside a loop (the source, a per-iteration value) to a node outside
    /// it (a parameter read by every term of a sum, w[0] in Σᵢ (w[0]·xᵢ − yᵢ)²) is the sum over the
    /// loop of the per-iteration contributions — also when the term itself does not read the index
    /// (Σᵢ (aᵢ + b) gives b the adjoint n·A).
    /// </summary>
    internal static Node SummedOver(NodeGraph g, Node source, Node receiver, Node term)
    {
        var extra = source.FreeIndices.Union(term.FreeIndices).Where(i => !receiver.FreeIndices.Contains(i)).ToList();
        if (extra.Count == 0) return term;
        foreach (var index in GraphTraversal.LoopNesting(extra, g.DepthOf).Reverse()) term = g.Sum(index, g.CountOf(index), term);
        return term;
    }

    /// <summary>Nodes that depend on at least one variable, found in one forward pass (children come first).</summary>
    public static HashSet<Node> ActiveNodes(List<Node> reachable, IReadOnlyList<Node> variables)
    {
        var active = new HashSet<Node>(variables);
        foreach (var node in reachable)
            foreach (var child in node.Children)
                if (active.Contains(child)) { active.Add(node); break; }
        return active;
    }

    private static void Contribute(Dictionary<Node, List<Node>> contributions, Node node, Node term)
    {
        if (term.FreeIndices.Count > node.FreeIndices.Count) throw new InvalidOperationException("A loop contribution must be summed first.");
        if (!contributions.TryGetValue(node, out var terms)) contributions[node] = terms = [];
        terms.Add(term);
    }

    /// <summary>A balanced sum: depth log₂(k) rather than k for a node with k users.</summary>
    private static Node Sum(NodeGraph g, List<Node> terms)
    {
        if (terms[0] is TensorNode) return terms.Skip(1).Aggregate((TensorNode)terms[0], (sum, term) => g.TensorAdd(sum, (TensorNode)term));
        var level = terms;
        while (level.Count > 1)
        {
            var next = new List<Node>((level.Count + 1) / 2);
            for (var i = 0; i + 1 < level.Count; i += 2) next.Add(GuardedArithmetic.Add(g, level[i], level[i + 1]));
            if (level.Count % 2 == 1) next.Add(level[^1]);
            level = next;
        }
        return level[0];
    }
}
