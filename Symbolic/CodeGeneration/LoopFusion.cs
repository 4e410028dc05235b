using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Loop fusion: sums over the same index and count, computed in the method body, none reading another, are
/// computed by one loop so their bodies share work (the residual of a loss is computed once per row for the
/// value and every gradient entry); a sum over a scatter loop's index joins that loop (value and gradient in
/// one pass over the data).
/// </summary>
internal static class LoopFusion
{
    /// <summary>One planned loop: the scatter loop's index it joins (null: a loop of its own), its marker local, its sums and their accumulators.</summary>
    public sealed record Group(ParameterExpression? ScatterIndex, ParameterExpression Marker, IReadOnlyList<SumNode> Members,
        IReadOnlyDictionary<SumNode, ParameterExpression> Accumulators);

    /// <summary>The fused loops (only those of two sums or more, and every scatter loop) and all their accumulators in order.</summary>
    /// <param name="reachable">The procedure's nodes in id order.</param>
    /// <param name="placement">Where each node is computed: only sums in the method body fuse.</param>
    /// <param name="isEmittableHere">Whether a node reads only indices bound in this procedure.</param>
    /// <param name="scatterLoops">The indices of this procedure's scatter loops.</param>
    /// <param name="readByScatters">What the scattered adjoints read: a sum they read is needed before their loop, so does not join it.</param>
    public static (IReadOnlyList<Group> Groups, IReadOnlyList<ParameterExpression> Accumulators) Plan(IReadOnlyList<Node> reachable,
        IReadOnlyDictionary<Node, Scope> placement, Func<Node, bool> isEmittableHere, IReadOnlyList<ParameterExpression> scatterLoops, IReadOnlySet<Node> readByScatters)
    {
        var accumulators = new List<ParameterExpression>();
        ParameterExpression NewAccumulator()
        {
            var accumulator = Expression.Variable(typeof(double), $"sum{accumulators.Count + 1}");
            accumulators.Add(accumulator);
            return accumulator;
        }

        var joined = scatterLoops.ToDictionary(index => index, _ => (Members: new List<SumNode>(), Accumulators: new Dictionary<SumNode, ParameterExpression>()));
        var free = new List<SumNode>();
        foreach (var sum in reachable.OfType<SumNode>())
        {
            if (placement[sum] != Scope.Root || ReadsAnotherLoop(sum, isEmittableHere)) continue;
            if (joined.TryGetValue(sum.Index, out var loop) && !readByScatters.Contains(sum))
            {
                loop.Members.Add(sum);
                loop.Accumulators[sum] = NewAccumulator();
            }
            else
            {
                free.Add(sum);
            }
        }

        var groups = scatterLoops.Select(index => new Group(index, Expression.Variable(typeof(double), "pass"), joined[index].Members, joined[index].Accumulators)).ToList();
        foreach (var sameLoop in free.GroupBy(s => (s.Index, StructuralKey.For(s.Count))))
        {
            var loops = new List<List<SumNode>>();
            foreach (var sum in sameLoop)
            {
                var reads = GraphTraversal.Reachable([sum.Body]).OfType<SumNode>().ToHashSet();
                var members = loops.FirstOrDefault(g => !g.Any(reads.Contains));
                if (members is null) loops.Add(members = []);
                members.Add(sum);
            }
            foreach (var members in loops.Where(g => g.Count > 1))
                groups.Add(new Group(null, Expression.Variable(typeof(double), "loop"), members, members.ToDictionary(m => m, _ => NewAccumulator())));
        }
        return (groups, accumulators);
    }

    /// <summary>
    /// A sum that needs the final value of another loop computed at this level (a gradient sum reading
    /// the loss's sum) is not fused: two fused loops could then each wait for the other.
    /// </summary>
    private static bool ReadsAnotherLoop(SumNode sum, Func<Node, bool> isEmittableHere) =>
        GraphTraversal.Reachable([sum.Body]).Any(n => n != sum && n is SumNode or ArgExtremumNode && isEmittableHere(n));
}
