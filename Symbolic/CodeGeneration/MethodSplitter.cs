using System.Linq.Expressions;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Splits the straight-line body of a large compiled lambda into methods of bounded size, so the JIT
/// keeps optimising each of them. One method per node runs as fast as hand-written code up to a few
/// thousand statements; beyond that the JIT falls back to minimal optimisation (several times slower),
/// and far beyond it <c>Compile()</c> throws <see cref="InvalidProgramException"/>.
/// </summary>
/// <remarks>
/// <para>The top-level statements are cut, in order, into chunks of about <see cref="ChunkSize"/>
/// expression nodes; each chunk is compiled into its own delegate taking the lambda's parameters and a
/// spill array. Values that cross a chunk boundary go through the spill array: a chunk stores what it
/// defines that a later chunk reads (liveness over the chunk sequence) and loads what it reads before
/// defining. The scheduler has already ordered statements by demand and reused locals, so few values
/// cross a boundary. Non-numeric locals that are assigned once from a pure read (hoisted captured arrays)
/// are re-read in each chunk that needs them; any other non-numeric local crossing a boundary leaves
/// the lambda unsplit.</para>
/// <para>The spill array comes from the context's buffer pool (per thread): no allocation per call once warm, and a nested
/// call on the same thread (a user's method calling the gradient) gets its own array.</para>
/// </remarks>
internal static class MethodSplitter
{
    /// <summary>Expression nodes per method: well below the JIT's limits on locals, references and IL size.</summary>
    public const int ChunkSize = 8000;

    /// <summary>The lambda, with its body split into chunks when it is larger than about two chunks; otherwise itself.</summary>
    /// <param name="lambda">The compiled gradient's expression.</param>
    /// <param name="buffers">The pool the spill array is rented from (the compilation context's).</param>
    /// <param name="chunkSize">Expression nodes per method.</param>
    public static Expression<TDelegate> Split<TDelegate>(Expression<TDelegate> lambda, Runtime.BufferPool buffers, int chunkSize = ChunkSize)
    {
        var (variables, statements, result) = Flatten(lambda.Body);
        var sizes = statements.Select(NodeCount.Of).ToList();
        if (sizes.Sum() + NodeCount.Of(result) <= 2 * chunkSize) return lambda;

        var replayable = Replayable(variables, statements);
        var kept = Enumerable.Range(0, statements.Count).Where(k => !IsReplayed(statements[k], replayable)).ToList();
        var chunks = Chunk([.. kept.Select(k => statements[k])], [.. kept.Select(k => sizes[k])], chunkSize);
        chunks[^1].Add(result);

        var declared = variables.ToHashSet();
        var analyses = chunks.Select(c => ChunkAnalysis.Of(c, declared)).ToList();
        var shared = SharedVariables(analyses);
        if (shared.Any(v => !replayable.ContainsKey(v) && !Spill.CanHold(v.Type))) return lambda;
        var slots = new Dictionary<ParameterExpression, int>();
        var spillLength = 0;
        foreach (var v in shared.Where(v => !replayable.ContainsKey(v)))
        {
            slots[v] = spillLength;
            spillLength += Spill.Width(v.Type);
        }

        var spill = Expression.Parameter(typeof(double[]), "spill");
        var liveOut = LiveOut(analyses);
        var calls = new List<Expression>();
        for (var c = 0; c < chunks.Count; c++)
        {
            var a = analyses[c];
            var loads = a.UpwardExposed.Where(slots.ContainsKey).Select(v => Expression.Assign(v, Spill.Load(spill, slots[v], v.Type)));
            var stores = a.Defined.Where(v => slots.ContainsKey(v) && liveOut[c].Contains(v)).Select(v => Spill.Store(spill, slots[v], v));
            var replays = a.Referenced.Where(replayable.ContainsKey).Select(v => replayable[v]);
            var isLast = c == chunks.Count - 1;
            List<Expression> body = [.. replays, .. loads, .. isLast ? chunks[c] : [.. chunks[c], .. stores, Expression.Empty()]];
            var type = isLast ? result.Type : typeof(void);
            var method = Expression.Lambda(
                Expression.GetDelegateType([.. lambda.Parameters.Select(p => p.Type), typeof(double[]), type]),
                Expression.Block(type, a.Referenced, body),
                $"{lambda.Name ?? "gradient"}_part{c + 1}",
                [.. lambda.Parameters, spill]).Compile();
            calls.Add(Expression.Invoke(Expression.Constant(method), [.. lambda.Parameters, spill]));
        }

        var value = Expression.Variable(result.Type, "value");
        return Expression.Lambda<TDelegate>(Expression.Block(result.Type, [spill, value],
        [
            Expression.Assign(spill, Expression.Call(Expression.Constant(buffers), Runtime.BufferPool.RentSpillMethod, Expression.Constant(Math.Max(1, spillLength)))),
            .. calls[..^1],
            Expression.Assign(value, calls[^1]),
            Expression.Call(Expression.Constant(buffers), Runtime.BufferPool.ReturnSpillMethod, spill),
            value,
        ]), lambda.Name, lambda.Parameters);
    }

    /// <summary>Nested blocks at the top (each ending in the next) read as one list of statements.</summary>
    private static (List<ParameterExpression>, List<Expression>, Expression) Flatten(Expression body)
    {
        var (variables, statements) = (new List<ParameterExpression>(), new List<Expression>());
        while (body is BlockExpression block && block.Type == body.Type)
        {
            variables.AddRange(block.Variables);
            statements.AddRange(block.Expressions.Take(block.Expressions.Count - 1));
            body = block.Expressions[^1];
        }
        return (variables, statements, body);
    }

    /// <summary>Non-numeric locals assigned exactly once, at the top, from a pure read (<c>data = closure.data</c>).</summary>
    private static Dictionary<ParameterExpression, BinaryExpression> Replayable(List<ParameterExpression> variables, List<Expression> statements)
    {
        var assignments = statements.OfType<BinaryExpression>()
            .Where(b => b.NodeType == ExpressionType.Assign && b.Left is ParameterExpression p && !Spill.CanHold(p.Type) && CapturedArrayHoister.IsClosureRead(b.Right))
            .GroupBy(b => (ParameterExpression)b.Left).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
        return assignments.Where(p => variables.Contains(p.Key) && !statements.Any(s => s != p.Value && Writes.Of(s).Contains(p.Key)))
            .ToDictionary(p => p.Key, p => p.Value);
    }

    private static bool IsReplayed(Expression statement, Dictionary<ParameterExpression, BinaryExpression> replayable) =>
        statement is BinaryExpression { Left: ParameterExpression p } b && replayable.TryGetValue(p, out var a) && a == b;

    private static List<List<Expression>> Chunk(List<Expression> statements, List<int> sizes, int chunkSize)
    {
        var chunks = new List<List<Expression>> { new() };
        var size = 0;
        for (var k = 0; k < statements.Count; k++)
        {
            if (size > 0 && size + sizes[k] > chunkSize) { chunks.Add([]); size = 0; }
            chunks[^1].Add(statements[k]);
            size += sizes[k];
        }
        return chunks;
    }

    /// <summary>Locals referenced by more than one chunk.</summary>
    private static HashSet<ParameterExpression> SharedVariables(List<ChunkAnalysis> analyses) =>
        [.. analyses.SelectMany(a => a.Referenced).GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key)];

    /// <summary>Backward liveness over the chunk sequence: what a chunk must leave in the spill array.</summary>
    private static List<HashSet<ParameterExpression>> LiveOut(List<ChunkAnalysis> analyses)
    {
        var liveOut = analyses.Select(_ => new HashSet<ParameterExpression>()).ToList();
        var live = new HashSet<ParameterExpression>();
        for (var c = analyses.Count - 1; c >= 0; c--)
        {
            liveOut[c].UnionWith(live);
            live.ExceptWith(analyses[c].DefinedFirst);
            live.UnionWith(analyses[c].UpwardExposed);
        }
        return liveOut;
    }

    /// <summary>
    /// The locals a chunk references, reads before any top-level assignment (upward exposed: conservative
    /// for locals assigned inside branches), defines by a top-level assignment before reading, and writes at all.
    /// </summary>
    private sealed record ChunkAnalysis(
        List<ParameterExpression> Referenced, HashSet<ParameterExpression> UpwardExposed,
        HashSet<ParameterExpression> DefinedFirst, HashSet<ParameterExpression> Defined)
    {
        public static ChunkAnalysis Of(List<Expression> statements, HashSet<ParameterExpression> declared)
        {
            var referenced = new List<ParameterExpression>();
            var (exposed, definedFirst, defined) = (new HashSet<ParameterExpression>(), new HashSet<ParameterExpression>(), new HashSet<ParameterExpression>());
            foreach (var statement in statements)
            {
                var reads = statement is BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression } assign ? assign.Right : statement;
                foreach (var v in References.Of(reads).Where(declared.Contains))
                    if (!definedFirst.Contains(v)) exposed.Add(v);
                foreach (var v in References.Of(statement).Where(declared.Contains))
                    if (!referenced.Contains(v)) referenced.Add(v);
                defined.UnionWith(Writes.Of(statement).Where(declared.Contains));
                if (statement is BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression target } && declared.Contains(target) && !exposed.Contains(target))
                    definedFirst.Add(target);
            }
            return new(referenced, exposed, definedFirst, defined);
        }
    }

    /// <summary>Moves values of the spillable types through a double[] (a sin/cos pair takes two slots).</summary>
    private static class Spill
    {
        private static readonly Type Pair = typeof(ValueTuple<double, double>);

        public static bool CanHold(Type type) => type == typeof(double) || type == typeof(bool) || type == typeof(int) || type == Pair;

        public static int Width(Type type) => type == Pair ? 2 : 1;

        public static Expression Load(ParameterExpression spill, int slot, Type type)
        {
            Expression Read(int k) => Expression.ArrayIndex(spill, Expression.Constant(k));
            if (type == Pair) return Expression.New(Pair.GetConstructor([typeof(double), typeof(double)])!, Read(slot), Read(slot + 1));
            return type == typeof(double) ? Read(slot)
                : type == typeof(bool) ? Expression.NotEqual(Read(slot), Expression.Constant(0.0))
                : Expression.Convert(Read(slot), type);
        }

        public static Expression Store(ParameterExpression spill, int slot, ParameterExpression value)
        {
            Expression Write(int k, Expression v) => Expression.Assign(Expression.ArrayAccess(spill, Expression.Constant(k)), v);
            if (value.Type == Pair) return Expression.Block(Write(slot, Expression.Field(value, "Item1")), Write(slot + 1, Expression.Field(value, "Item2")));
            return Write(slot, value.Type == typeof(double) ? value
                : value.Type == typeof(bool) ? Expression.Condition(value, Expression.Constant(1.0), Expression.Constant(0.0))
                : Expression.Convert(value, typeof(double)));
        }
    }

    private sealed class NodeCount : ExpressionVisitor
    {
        private int _count;

        public static int Of(Expression e)
        {
            var counter = new NodeCount();
            counter.Visit(e);
            return counter._count;
        }

        public override Expression? Visit(Expression? node)
        {
            if (node is not null) _count++;
            return base.Visit(node);
        }
    }

    /// <summary>Locals referenced anywhere in an expression, in order of first appearance.</summary>
    private sealed class References : ExpressionVisitor
    {
        private readonly List<ParameterExpression> _found = [];
        private readonly HashSet<ParameterExpression> _seen = [];

        public static List<ParameterExpression> Of(Expression e)
        {
            var visitor = new References();
            visitor.Visit(e);
            return visitor._found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (_seen.Add(node)) _found.Add(node);
            return node;
        }
    }

    /// <summary>Locals assigned anywhere in an expression (assignments, compound assignments, increments).</summary>
    private sealed class Writes : ExpressionVisitor
    {
        private readonly HashSet<ParameterExpression> _found = [];

        public static HashSet<ParameterExpression> Of(Expression e)
        {
            var visitor = new Writes();
            visitor.Visit(e);
            return visitor._found;
        }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.Left is ParameterExpression p && IsAssignment(node.NodeType)) _found.Add(p);
            return base.VisitBinary(node);
        }

        protected override Expression VisitUnary(UnaryExpression node)
        {
            if (node.Operand is ParameterExpression p && node.NodeType is ExpressionType.PreIncrementAssign or ExpressionType.PostIncrementAssign
                or ExpressionType.PreDecrementAssign or ExpressionType.PostDecrementAssign) _found.Add(p);
            return base.VisitUnary(node);
        }

        private static bool IsAssignment(ExpressionType type) => type is ExpressionType.Assign or ExpressionType.AddAssign
            or ExpressionType.SubtractAssign or ExpressionType.MultiplyAssign or ExpressionType.DivideAssign
            or ExpressionType.AddAssignChecked or ExpressionType.SubtractAssignChecked or ExpressionType.MultiplyAssignChecked;
    }
}
