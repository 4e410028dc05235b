using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Whether computing a node (beyond what is already computed) may throw: array reads, calls, loops that
/// check emptiness. What decides whether a node may be hoisted out of a branch or a loop.
/// </summary>
/// <param name="isAvailable">Whether enclosing procedures computed a node: reading it cannot throw.</param>
/// <param name="computedAnyway">Nodes this procedure computes on every path (see <see cref="ComputedAnyway"/>): hoisting them cannot add a throw.</param>
/// <param name="stateReads">The reads of folds' state buffers that are in range (they cannot throw).</param>
internal sealed class MayThrowAnalysis(Func<Node, bool> isAvailable, IReadOnlySet<Node> computedAnyway, StateBufferReads stateReads)
{
    // Memo for this analysis only (one procedure's schedule), filled bottom-up.
    private readonly Dictionary<Node, bool> _mayThrow = [];

    /// <summary>
    /// The nodes the outputs need whatever branch is taken: everything reachable without entering a
    /// conditional's branches (its test is computed) or a loop's body (which may run zero times).
    /// </summary>
    public static HashSet<Node> ComputedAnyway(IEnumerable<Node> outputs)
    {
        var computed = new HashSet<Node>();
        var pending = new Stack<Node>(outputs);
        while (pending.TryPop(out var node))
        {
            if (!computed.Add(node)) continue;
            IEnumerable<Node> next = node switch
            {
                ConditionalNode c => [c.Test],
                SumNode or ArgExtremumNode or GridNode => [],
                _ => node.Children.ToArray(),
            };
            foreach (var child in next) pending.Push(child);
        }
        return computed;
    }

    /// <summary>Whether computing <paramref name="root"/> may throw.</summary>
    public bool MayThrow(Node root)
    {
        var pending = new Stack<(Node Node, bool Expanded)>();
        pending.Push((root, false));
        while (pending.Count > 0)
        {
            var (node, expanded) = pending.Pop();
            if (_mayThrow.ContainsKey(node)) continue;
            if (isAvailable(node) || computedAnyway.Contains(node)) { _mayThrow[node] = false; continue; }
            // The arg-max behind Max/Min is computed wherever the Max is (LINQ evaluates the same reads and
            // throws on an empty sequence too), so it is always hoisted out of the sum that selects its term.
            // Materialised matrices are always computed once, at the top, like the arg-max (their reads are
            // the ones every iteration of the loops they replace would make).
            if (node is ArgExtremumNode or TensorNode) { _mayThrow[node] = false; continue; }
            var own = node switch
            {
                ElementNode => true,
                IndexedElementNode e => !stateReads.InRange(e),
                OpaqueNode o => !IsPlainRead(o.Expression),
                CallNode c => !c.Rule.IsPure,
                _ => false,
            };
            if (own || node.Children.Length == 0) { _mayThrow[node] = own; continue; }
            if (!expanded)
            {
                pending.Push((node, true));
                foreach (var child in node.Children) pending.Push((child, false));
                continue;
            }
            var any = false;
            foreach (var child in node.Children) any |= _mayThrow[child];
            _mayThrow[node] = any;
        }
        return _mayThrow[root];
    }

    // Reading constants, parameters and fields (a captured variable) cannot throw; indexing and calls can.
    private static bool IsPlainRead(Expression e) => e switch
    {
        ConstantExpression or ParameterExpression => true,
        MemberExpression m => m.Expression is null || IsPlainRead(m.Expression),
        UnaryExpression { NodeType: ExpressionType.Convert } u => IsPlainRead(u.Operand),
        // The test of a batch's lengths is total (a null or missing sequence is an answer, not an exception).
        MethodCallExpression { Object: null } call when call.Method.DeclaringType == typeof(Runtime.SequenceBatches) => call.Arguments.All(IsBatchCount),
        _ => false,
    };

    // A batch's count: a plain read, the length of an argument (which the entry checks found not null), or the least of two.
    private static bool IsBatchCount(Expression e) => IsPlainRead(e) || e switch
    {
        UnaryExpression { NodeType: ExpressionType.ArrayLength, Operand: ParameterExpression } => true,
        MethodCallExpression { Object: null, Method.Name: nameof(Math.Min), Arguments: [var a, var b] } min when min.Method.DeclaringType == typeof(Math) => IsBatchCount(a) && IsBatchCount(b),
        _ => false,
    };
}
