using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Loop-invariant code motion that respects a guard: a value inside a loop's body that reads no index the
/// loop binds, but may throw and is computed only under a test the enclosing procedure computes anyway (a
/// <c>Where</c> filter's <c>y[i] &gt; 0.5</c> around a row's <c>exp(−z)</c>), is computed once before the loop
/// under the same test, not at every iteration (<see cref="LoopInvariants"/> hoists only what every iteration computes).
/// </summary>
/// <remarks>
/// A value qualifies only if every path from the loop's roots reaches it under the same single branch of
/// that test: the loop then reads it only when the test holds, which is when the enclosing procedure assigned it.
/// </remarks>
internal static class GuardedInvariants
{
    // How a node is reached: outside any branch, under one branch of a hoisted test, or otherwise (no hoisting).
    private sealed record Guard(Node? Test, bool Branch)
    {
        public static readonly Guard None = new(null, false);
        public static readonly Guard Opaque = new(null, true);
        public bool IsBranch => Test is not null;
    }

    /// <summary>The guarded invariants below <paramref name="roots"/> (a loop's scatters), each with its test and branch.</summary>
    /// <param name="roots">What the loop computes at each iteration.</param>
    /// <param name="frontier">The loop's unguarded invariants (<see cref="LoopInvariants.Frontier"/>): a guard's test must be one of them.</param>
    /// <param name="isEmittableHere">Whether every index a node reads is bound in the enclosing procedure.</param>
    /// <param name="mayThrow">The enclosing procedure's may-throw analysis.</param>
    public static IReadOnlyList<(Node Node, Node Test, bool Branch)> Of(
        IEnumerable<Node> roots, IReadOnlySet<Node> frontier, Func<Node, bool> isEmittableHere, MayThrowAnalysis mayThrow)
    {
        var seen = new Dictionary<Node, Guard>();
        var candidates = new List<Node>();
        var pending = new Stack<(Node Node, Guard Guard)>(roots.Select(r => (r, Guard.None)));
        while (pending.Count > 0)
        {
            var (node, guard) = pending.Pop();
            if (seen.TryGetValue(node, out var before))
            {
                if (before == guard || before == Guard.Opaque) continue;
                guard = Guard.Opaque;
            }
            else if (isEmittableHere(node) && guard.IsBranch && !frontier.Contains(node) && mayThrow.MayThrow(node))
            {
                candidates.Add(node);
            }
            seen[node] = guard;
            // The enclosing procedure computes an invariant's operands: nothing below it is computed in the loop.
            if (isEmittableHere(node)) continue;
            switch (node)
            {
                case ConditionalNode c:
                    pending.Push((c.Test, guard));
                    pending.Push((c.IfTrue, BranchGuard(c, true, guard, frontier)));
                    pending.Push((c.IfFalse, BranchGuard(c, false, guard, frontier)));
                    break;
                case SumNode or ArgExtremumNode or GridNode or StateLoopNode:
                    // An inner loop may not run: what it reads is not hoisted under a guard.
                    foreach (var child in node.Children) pending.Push((child, Guard.Opaque));
                    break;
                default:
                    foreach (var child in node.Children) pending.Push((child, guard));
                    break;
            }
        }
        return [.. candidates.Where(n => seen[n].IsBranch).Select(n => (n, seen[n].Test!, seen[n].Branch))];
    }

    /// <summary>A branch of <paramref name="c"/> reached under <paramref name="outer"/>.</summary>
    private static Guard BranchGuard(ConditionalNode c, bool branch, Guard outer, IReadOnlySet<Node> frontier)
    {
        // Outside any branch, a test computed before the loop guards its branches.
        if (outer == Guard.None) return frontier.Contains(c.Test) ? new Guard(c.Test, branch) : Guard.Opaque;
        // The same test again (a guarded scatter's value is itself a conditional on the filter): its other branch never runs.
        if (outer.IsBranch && outer.Test == c.Test && outer.Branch == branch) return outer;
        return Guard.Opaque;
    }
}
