using System.Linq.Expressions;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Orders the straight-line statements of a method and reuses its locals, so that large models stay
/// JIT-friendly. Each sink (a gradient write) is placed right after the definitions it needs, each
/// definition as late as its first consumer (demand order); then a linear scan gives a local whose
/// last use has passed to the next definition. Live values — hence locals — stay few, where id order
/// computes every primal first and keeps all of them alive until the adjoints that read them; the JIT
/// stops tracking locals beyond about a thousand and the code slows down several times.
/// </summary>
/// <remarks>
/// Re-assigning a local is still readable by Symbolic: lowering binds a variable at each assignment.
/// </remarks>
internal static class StatementScheduler
{
    /// <param name="definitions">Assignments of single-assignment locals, in an order valid for evaluation.</param>
    /// <param name="sinks">Statements with effects, kept in this order (each after the definitions it reads).</param>
    /// <param name="result">The value of the block.</param>
    /// <param name="prefix">The name of the reused locals (t1, t2 ... or i1, i2 ... inside a loop).</param>
    /// <param name="reuseLocals">Reuse locals whose last read has passed (off: one local per definition, true SSA, for source output).</param>
    /// <returns>The scheduled statements (sinks included, result excluded), the result and the locals they use.</returns>
    public static (IReadOnlyList<Expression> Statements, Expression Result, IReadOnlyList<ParameterExpression> Locals) Schedule(
        IReadOnlyList<BinaryExpression> definitions, IReadOnlyList<Expression> sinks, Expression result, string prefix = "t", bool reuseLocals = true)
    {
        var definitionOf = definitions.ToDictionary(d => (ParameterExpression)d.Left);
        var reads = new Dictionary<Expression, List<ParameterExpression>>(ReferenceEqualityComparer.Instance);
        List<ParameterExpression> ReadsOf(Expression e)
        {
            if (!reads.TryGetValue(e, out var list)) reads[e] = list = LocalReads.Of(e, definitionOf);
            return list;
        }

        var order = new List<Expression>();
        var scheduled = new HashSet<ParameterExpression>();

        // Definitions only the result needs (a gradient's value: a long sum of terms) are computed as soon
        // as their operands are, not on demand at the very end, which would keep every term alive until
        // then. A definition waits for the operands that are themselves computed from locals; leaf reads
        // (x[3]) are pulled in when it is placed.
        var resultOnly = Closure([result], definitionOf, ReadsOf);
        resultOnly.ExceptWith(Closure(sinks, definitionOf, ReadsOf));
        var waiting = new Dictionary<ParameterExpression, int>();
        var readers = new Dictionary<ParameterExpression, List<ParameterExpression>>();
        var ready = new Queue<ParameterExpression>();
        foreach (var local in resultOnly)
        {
            var inner = ReadsOf(definitionOf[local].Right).Where(read => ReadsOf(definitionOf[read].Right).Count > 0).ToList();
            waiting[local] = inner.Count;
            if (inner.Count == 0) ready.Enqueue(local);
            foreach (var read in inner)
            {
                if (!readers.TryGetValue(read, out var list)) readers[read] = list = [];
                list.Add(local);
            }
        }

        void Place(ParameterExpression local)
        {
            scheduled.Add(local);
            order.Add(definitionOf[local]);
            if (readers.TryGetValue(local, out var list))
                foreach (var reader in list)
                    if (--waiting[reader] == 0) ready.Enqueue(reader);
        }

        void Require(Expression consumer)
        {
            // Iterative post-order over the definitions the consumer reads (dependency chains can be very long).
            var pending = new Stack<(ParameterExpression Local, bool Expanded)>();
            foreach (var local in Enumerable.Reverse(ReadsOf(consumer))) pending.Push((local, false));
            while (pending.Count > 0)
            {
                var (local, expanded) = pending.Pop();
                if (scheduled.Contains(local)) continue;
                if (expanded) { Place(local); continue; }
                pending.Push((local, true));
                foreach (var read in Enumerable.Reverse(ReadsOf(definitionOf[local].Right)))
                    if (!scheduled.Contains(read)) pending.Push((read, false));
            }
        }

        void PlaceReady()
        {
            while (ready.TryDequeue(out var local))
            {
                if (scheduled.Contains(local)) continue;
                Require(definitionOf[local].Right);
                Place(local);
            }
        }

        foreach (var sink in sinks)
        {
            Require(sink);
            order.Add(sink);
            PlaceReady();
        }
        Require(result);

        if (!reuseLocals) return (order, result, [.. order.OfType<BinaryExpression>().Where(a => IsDefinition(a, definitionOf)).Select(a => (ParameterExpression)a.Left)]);
        return ReuseLocals(order, result, definitionOf, ReadsOf, prefix);
    }

    /// <summary>The definitions the consumers read, directly or through other definitions.</summary>
    private static HashSet<ParameterExpression> Closure(IEnumerable<Expression> consumers,
        Dictionary<ParameterExpression, BinaryExpression> definitionOf, Func<Expression, List<ParameterExpression>> readsOf)
    {
        var closure = new HashSet<ParameterExpression>();
        var pending = new Stack<ParameterExpression>(consumers.SelectMany(readsOf));
        while (pending.TryPop(out var local))
            if (closure.Add(local))
                foreach (var read in readsOf(definitionOf[local].Right)) pending.Push(read);
        return closure;
    }

    /// <summary>Linear scan: a local whose last read is behind us is free for the next definition of its type.</summary>
    private static (IReadOnlyList<Expression>, Expression, IReadOnlyList<ParameterExpression>) ReuseLocals(
        List<Expression> order, Expression result, Dictionary<ParameterExpression, BinaryExpression> definitionOf,
        Func<Expression, List<ParameterExpression>> readsOf, string prefix)
    {
        var lastRead = new Dictionary<ParameterExpression, int>();
        for (var k = 0; k < order.Count; k++)
            foreach (var read in readsOf(order[k] is BinaryExpression { NodeType: ExpressionType.Assign } a && IsDefinition(a, definitionOf) ? a.Right : order[k]))
                lastRead[read] = k;
        foreach (var read in readsOf(result)) lastRead[read] = order.Count;

        var expiring = new Dictionary<int, List<ParameterExpression>>();
        foreach (var (local, k) in lastRead)
        {
            if (!expiring.TryGetValue(k, out var list)) expiring[k] = list = [];
            list.Add(local);
        }

        var physical = new Dictionary<ParameterExpression, ParameterExpression>();
        var free = new Dictionary<Type, Stack<ParameterExpression>>();
        var all = new List<ParameterExpression>();
        for (var k = 0; k < order.Count; k++)
        {
            if (order[k] is BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression local } a && IsDefinition(a, definitionOf))
            {
                if (!free.TryGetValue(local.Type, out var pool)) free[local.Type] = pool = new Stack<ParameterExpression>();
                if (!pool.TryPop(out var slot)) { slot = Expression.Variable(local.Type, $"{prefix}{all.Count + 1}"); all.Add(slot); }
                physical[local] = slot;
            }
            if (expiring.TryGetValue(k, out var expired))
                foreach (var done in expired)
                    if (physical.TryGetValue(done, out var released)) free[released.Type].Push(released);
        }

        var rename = new Renamer(physical);
        var renamed = order.Select(statement =>
        {
            var after = rename.Visit(statement)!;
            CodeComments.Carry(statement, after);
            return after;
        });
        return ([.. renamed], rename.Visit(result), all);
    }

    private static bool IsDefinition(BinaryExpression assign, Dictionary<ParameterExpression, BinaryExpression> definitionOf) =>
        assign.Left is ParameterExpression local && definitionOf.TryGetValue(local, out var definition) && definition == assign;

    /// <summary>The defined locals an expression reads, in order of first appearance (shallow trees: recursion is fine).</summary>
    private sealed class LocalReads(IReadOnlyDictionary<ParameterExpression, BinaryExpression> definitions) : ExpressionVisitor
    {
        private readonly List<ParameterExpression> _found = [];
        private readonly HashSet<ParameterExpression> _seen = [];

        public static List<ParameterExpression> Of(Expression e, IReadOnlyDictionary<ParameterExpression, BinaryExpression> definitions)
        {
            var visitor = new LocalReads(definitions);
            // A definition's own target is written, not read.
            visitor.Visit(e is BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression target } a && definitions.ContainsKey(target) ? a.Right : e);
            return visitor._found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (definitions.ContainsKey(node) && _seen.Add(node)) _found.Add(node);
            return node;
        }
    }

    private sealed class Renamer(Dictionary<ParameterExpression, ParameterExpression> physical) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => physical.GetValueOrDefault(node) ?? node;
    }
}
