using System.Linq.Expressions;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Loop-invariant hoisting: the frontier of a loop — the first nodes below its body that read no index
/// unbound in the enclosing procedure — is computed once, before the loop, and the loop reads it.
/// </summary>
/// <param name="isEmittableHere">Whether every index a node reads is bound in the enclosing procedure.</param>
/// <param name="mayThrow">The procedure's may-throw analysis: a read that may throw is hoisted only if every iteration makes it.</param>
internal sealed class LoopInvariants(Func<Node, bool> isEmittableHere, MayThrowAnalysis mayThrow)
{
    // Memo for this analysis only (one procedure's schedule).
    private readonly Dictionary<Node, HashSet<Node>> _frontiers = [];

    /// <summary>The frontier of a sum, arg-extremum or grid (its first loop).</summary>
    public IReadOnlySet<Node> Of(Node loop)
    {
        if (!_frontiers.TryGetValue(loop, out var frontier)) _frontiers[loop] = frontier = Frontier(loop is StateLoopNode ? loop.Children.ToArray() : [loop.Children[0]], IndexOf(loop), CountOf(loop));
        return frontier;
    }

    /// <summary>The loop index a sum, arg-extremum or grid (its first loop) binds.</summary>
    public static ParameterExpression IndexOf(Node loop) => loop switch
    {
        SumNode s => s.Index,
        ArgExtremumNode a => a.Index,
        GridNode g => g.Loops[0].Index,
        StateLoopNode f => f.Index,
        _ => throw new InvalidOperationException($"{loop.GetType().Name} is not a loop."),
    };

    private static Expression CountOf(Node loop) => loop switch
    {
        SumNode s => s.Count,
        ArgExtremumNode a => a.Count,
        GridNode g => g.Loops[0].Count,
        StateLoopNode f => f.Count,
        _ => throw new InvalidOperationException($"{loop.GetType().Name} is not a loop."),
    };

    /// <summary>Whether a loop of this count certainly runs: a positive constant (LINQ's range check included).</summary>
    private static bool CertainlyRuns(Expression count) => LinqRuntime.Dimension(count) is ConstantExpression { Value: int n } && n > 0;

    /// <summary>The first nodes below <paramref name="roots"/> that read no index unbound here (loop invariants).</summary>
    /// <param name="roots">What the loop computes.</param>
    /// <param name="loopIndex">The index the loop binds: a loop over an index already bound inside must be hoisted.</param>
    /// <param name="count">The loop's count: in a loop that certainly runs, a read that every iteration makes is hoisted too.</param>
    /// <param name="hoistedElsewhere">Nodes hoisted under a guard (<see cref="GuardedInvariants"/>): neither in the frontier nor descended into.</param>
    public HashSet<Node> Frontier(IEnumerable<Node> roots, ParameterExpression loopIndex, Expression count, IReadOnlySet<Node>? hoistedElsewhere = null)
    {
        var frontier = new HashSet<Node>();
        // Each node with whether every iteration computes it (outside conditional branches and inner loops that may not run).
        var seen = new Dictionary<Node, bool>();
        var runs = CertainlyRuns(count);
        var pending = new Stack<(Node Node, bool Always)>(roots.Select(r => (r, runs)));
        while (pending.Count > 0)
        {
            var (node, always) = pending.Pop();
            if (seen.TryGetValue(node, out var before) && (before || !always)) continue;
            seen[node] = always;
            if (hoistedElsewhere?.Contains(node) == true) continue;
            if (isEmittableHere(node) && (!mayThrow.MayThrow(node) || BindsAgain(node, loopIndex) || always || EmptyWithLoop.Holds(node, count))) { frontier.Add(node); continue; }
            // A read that may throw (x[1], data[k], an empty Max) stays inside the loop unless every iteration
            // makes it: hoisted, it would run even when the loop (or its branch) does not, and throw where the model does not.
            switch (node)
            {
                case ConditionalNode c:
                    pending.Push((c.Test, always));
                    pending.Push((c.IfTrue, false));
                    pending.Push((c.IfFalse, false));
                    break;
                case SumNode or ArgExtremumNode:
                    pending.Push((node.Children[0], always && CertainlyRuns(CountOf(node))));
                    break;
                default:
                    foreach (var child in node.Children) pending.Push((child, always));
                    break;
            }
        }
        return frontier;
    }

    /// <summary>A loop over the index the enclosing loop binds cannot be emitted inside it (the index would be bound twice): it is hoisted.</summary>
    private static bool BindsAgain(Node node, ParameterExpression loopIndex) => node switch
    {
        SumNode s => s.Index == loopIndex,
        ArgExtremumNode a => a.Index == loopIndex,
        StateLoopNode f => f.Index == loopIndex,
        _ => false,
    };
}
