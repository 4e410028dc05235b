using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Where each node is computed: the innermost conditional branch containing all its uses, so work that only
/// a branch needs is done only when that branch is taken, and a guarded read stays behind its guard.
/// </summary>
internal static class BranchPlacement
{
    /// <summary>Each node's scope, and the nodes written out at each use rather than computed once.</summary>
    /// <param name="reachable">The procedure's nodes in id order (users after their operands).</param>
    /// <param name="roots">What the procedure computes, all in the method body.</param>
    /// <param name="emissionChildren">What computing a node needs in this procedure (a loop: its invariants only).</param>
    /// <param name="mayThrow">The procedure's may-throw analysis.</param>
    /// <param name="guarded">Values computed under a branch of their own (<see cref="GuardedInvariants"/>), with that branch's scope.</param>
    /// <remarks>
    /// Users are visited before their operands (reverse id order), so a user's own placement is final when
    /// needed. A node that may throw (an array read, LINQ's emptiness check), used in several branches none of
    /// which contains the others, is not hoisted to their common scope, where it would run on paths that never
    /// use it (a Where filter that skips an empty Average, nested differently in the value and in the
    /// gradient): it is rematerialised, computed again at each use.
    /// </remarks>
    public static (Dictionary<Node, Scope> Placement, HashSet<Node> Rematerialized) Place(
        IReadOnlyList<Node> reachable, IEnumerable<Node> roots, Func<Node, IEnumerable<Node>> emissionChildren, MayThrowAnalysis mayThrow,
        IEnumerable<(Node Node, Scope Scope)>? guarded = null)
    {
        var placement = new Dictionary<Node, Scope>();
        var rematerialized = new HashSet<Node>();
        // The distinct scopes of a node's uses, kept only for nodes used in more than one.
        var useScopes = new Dictionary<Node, HashSet<Scope>>();
        foreach (var root in roots) Place(root, Scope.Root);
        foreach (var (node, scope) in guarded ?? []) Place(node, scope);
        for (var i = reachable.Count - 1; i >= 0; i--)
        {
            var node = reachable[i];
            var scope = placement[node];
            if (useScopes.TryGetValue(node, out var scopes) && !scopes.Contains(scope) && CanRematerialize(node) && mayThrow.MayThrow(node))
            {
                rematerialized.Add(node);
                foreach (var useScope in scopes) PlaceChildren(node, useScope);
            }
            else
            {
                PlaceChildren(node, scope);
            }
        }
        return (placement, rematerialized);

        void PlaceChildren(Node node, Scope scope)
        {
            if (node is ConditionalNode c)
            {
                Place(c.Test, scope);
                Place(c.IfTrue, new Scope(c.Test, true, scope));
                Place(c.IfFalse, new Scope(c.Test, false, scope));
            }
            else
            {
                foreach (var child in emissionChildren(node)) Place(child, scope);
            }
        }

        void Place(Node node, Scope scope)
        {
            if (!placement.TryGetValue(node, out var current)) { placement[node] = scope; return; }
            if (current == scope && !useScopes.ContainsKey(node)) return;
            if (!useScopes.TryGetValue(node, out var scopes)) useScopes[node] = scopes = [current];
            scopes.Add(scope);
            placement[node] = Scope.Common(current, scope);
        }
    }

    // Conditionals and loops emit statements into scopes of their own placement: they are always placed once.
    private static bool CanRematerialize(Node node) => node is not (ConditionalNode or SumNode or ArgExtremumNode or ConstantNode or VariableNode or TensorNode);
}
