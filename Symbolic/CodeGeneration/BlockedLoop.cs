using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A loop over rows run in blocks (<see cref="RowBlocking"/>): the emitted row body split into phases at its
/// exp-like maps (<c>t = Math.Exp(u)</c> statements), each phase a loop over the block's rows, each map one
/// vectorised call over the block (<see cref="RowMaps.Unary(int, double[], int, double[], int, int)"/>) between two phases:
/// <code>
/// for (start = 0; start &lt; count; start += B) { n = min(B, count − start);
///     for (r &lt; n) { i = start + r; …phase 0…; map₀[r] = u; saved[r] = v; }
///     RowMaps.Unary(Exp, buffer, map₀, buffer, map₀, n);
///     for (r &lt; n) { i = start + r; v = saved[r]; t = map₀[r]; …phase 1… } … }
/// </code>
/// Statements keep their order within a phase; a statement goes to the earliest phase after everything it
/// depends on (the values it reads, and the memory it touches: accumulators and gradient writes keep their order,
/// <see cref="StatementAccess"/>). Values that cross phases go through the block's buffer (one pooled array).
/// </summary>
internal static class BlockedLoop
{
    // The exp-like Math functions a map replaces, by method.
    private static readonly Dictionary<MethodInfo, RowOperation> Maps = Enum.GetValues<UnaryOp>()
        .Where(RowBlocking.IsMapped).ToDictionary(op => MathMethods.Unary[op], op => RowOperations.Of(op)!.Value);

    /// <summary>
    /// A statement and the phases it runs in: a map reads its argument in <c>Level − 1</c> and assigns in <c>Level</c>;
    /// a block dot product (<see cref="BlockProduct"/>) is one call before phase <c>Level</c>, read into its local in it; a
    /// block scatter stores its rows' factors in phase <c>Level</c> and is one call after it.
    /// </summary>
    private sealed record Statement(Expression Code, StatementAccess Access, int Level, MethodCallExpression? Map, ParameterExpression? Target, BlockProduct? Product = null);

    /// <summary>
    /// The blocked loop, or null when the body does not split (no map at its top level, a value other than a
    /// double crossing a map, a label or jump among its statements): the caller then keeps the row-by-row loop.
    /// </summary>
    /// <param name="block">The plan's block.</param>
    /// <param name="index">The row index.</param>
    /// <param name="count">The number of rows.</param>
    /// <param name="body">The row body, as emitted.</param>
    /// <param name="buffers">The pool the block's buffer is rented from.</param>
    public static Expression? TryBuild(RowBlock block, ParameterExpression index, Expression count, Expression body, BufferPool buffers)
    {
        var (locals, code) = Flatten(body);
        // A jump between statements would not survive their reordering (the emitter makes none at this level).
        if (code.Any(s => s is LabelExpression or GotoExpression)) return null;
        var statements = Levels(Products(code, locals, index), locals.ToHashSet());
        if (statements is null || !statements.Any(s => s.Map is not null)) return null;
        var phases = statements.Max(s => s.Level) + 1;

        // Where each local is assigned and read, by phase; a value read in a later phase than one it is assigned in crosses.
        var written = locals.ToDictionary(v => v, _ => new SortedSet<int>());
        var read = locals.ToDictionary(v => v, _ => new SortedSet<int>());
        foreach (var s in statements)
        {
            var readPhase = s.Map is null ? s.Level : s.Level - 1;
            foreach (var v in s.Access.Reads) if (read.TryGetValue(v, out var phasesRead)) phasesRead.Add(readPhase);
            foreach (var v in s.Access.Writes) if (written.TryGetValue(v, out var w)) w.Add(s.Level);
            if (s.Target is { } target) written[target].Add(s.Level);
        }
        var crossing = locals.Where(v => written[v].Count > 0 && read[v].Count > 0 && read[v].Max > written[v].Min).ToList();
        if (crossing.Any(v => v.Type != typeof(double))) return null;

        // The buffer: one row of B per crossing value, then one per map (mapped in place).
        var rows = block.Rows;
        var slotOf = new Dictionary<object, int>();
        foreach (var v in crossing) slotOf[v] = slotOf.Count;
        foreach (var s in statements.Where(s => s.Map is not null || s.Product is not null)) slotOf[s] = slotOf.Count;
        var (buffer, start, end, n, r) = (Expression.Variable(typeof(double[]), "block"), Expression.Variable(typeof(int), index.Name + "Block"),
            Expression.Variable(typeof(int), index.Name + "End"), Expression.Variable(typeof(int), index.Name + "Rows"), Expression.Variable(typeof(int), index.Name + "Row"));
        Expression At(object key) => Expression.ArrayAccess(buffer, Expression.Add(r, Expression.Constant(slotOf[key] * rows)));

        var blockBody = new List<Expression>
        {
            Expression.Assign(n, Expression.Subtract(end, start)),
            Expression.IfThen(Expression.GreaterThan(n, Expression.Constant(rows)), Expression.Assign(n, Expression.Constant(rows))),
        };
        for (var phase = 0; phase < phases; phase++)
        {
            var p = phase;
            blockBody.AddRange(statements.Where(s => s.Product is { IsDot: true } && s.Level == p).Select(s => s.Product!.Call(start, n, buffer, Expression.Constant(slotOf[s] * rows))));
            var row = new List<Expression> { Expression.Assign(index, Expression.Add(start, r)) };
            row.AddRange(crossing.Where(v => read[v].Contains(p) && written[v].Min < p).Select(v => Expression.Assign(v, At(v))));
            foreach (var s in statements)
            {
                if (s.Product is { } product && s.Level == p) row.Add(product.IsDot ? Expression.Assign(s.Target!, At(s)) : Expression.Assign(At(s), product.Scale!));
                else if (s.Product is not null) { }
                else if (s.Map is not null && s.Level - 1 == p) row.Add(Expression.Assign(At(s), s.Map.Arguments[0]));
                else if (s.Map is not null && s.Level == p) row.Add(Expression.Assign(s.Target!, At(s)));
                else if (s.Map is null && s.Level == p) row.Add(s.Code);
            }
            row.AddRange(crossing.Where(v => written[v].Contains(p) && read[v].Max > p).Select(v => Expression.Assign(At(v), v)));
            if (row.Count > 1) blockBody.Add(Loops.For(r, n, Expression.Block(row), inverted: true));
            foreach (var s in statements.Where(s => s.Map is not null && s.Level - 1 == p))
            {
                var offset = Expression.Constant(slotOf[s] * rows);
                blockBody.Add(Expression.Call(RowMaps.UnaryMethod, Expression.Constant((int)Maps[s.Map!.Method]), buffer, offset, buffer, offset, n));
            }
            blockBody.AddRange(statements.Where(s => s.Product is { IsDot: false } && s.Level == p).Select(s => s.Product!.Call(start, n, buffer, Expression.Constant(slotOf[s] * rows))));
        }
        blockBody.Add(Expression.AddAssign(start, Expression.Constant(rows)));

        var exit = Expression.Label(index.Name + "Blocks");
        return Expression.Block([index, start, end, n, buffer, .. locals],
            Expression.Assign(end, LinqRuntime.Inline(count)),
            Expression.Assign(buffer, Expression.Call(DenseRuntime.RentMethod, Expression.Constant(buffers), Expression.Constant(block.Slot), Expression.Constant(slotOf.Count * rows))),
            Expression.Assign(start, Expression.Constant(0)),
            Expression.Loop(Expression.IfThenElse(Expression.LessThan(start, end), Expression.Block(blockBody), Expression.Break(exit)), exit));
    }

    /// <summary>The body's own variables and its statements, with blocks that declare nothing spliced in.</summary>
    private static (List<ParameterExpression> Locals, List<Expression> Statements) Flatten(Expression body)
    {
        var locals = new List<ParameterExpression>();
        var statements = new List<Expression>();
        var pending = new Stack<Expression>([body]);
        var first = true;
        while (pending.TryPop(out var e))
        {
            // Σ body as a loop adds the body's value: the addition is the body's last statement.
            if (e is BinaryExpression { NodeType: ExpressionType.AddAssign, Left: ParameterExpression total, Right: BlockExpression { Variables.Count: > 0 } value })
                e = Expression.Block(value.Variables, [.. value.Expressions.SkipLast(1), Expression.AddAssign(total, value.Result)]);
            if (e is BlockExpression b && (first || b.Variables.Count == 0))
            {
                locals.AddRange(b.Variables);
                for (var k = b.Expressions.Count - 1; k >= 0; k--) pending.Push(b.Expressions[k]);
            }
            else if (e is not DefaultExpression { Type: var t } || t != typeof(void)) statements.Add(e);
            first = false;
        }
        return (locals, statements);
    }

    /// <summary>
    /// The statements with their block products (<see cref="BlockProducts"/>): a scatter statement carries its
    /// product; a dot product becomes a statement of its own, into a new local (added to <paramref name="locals"/>), before the statement that used it.
    /// </summary>
    private static List<(Expression Code, BlockProduct? Product, ParameterExpression? Local)> Products(List<Expression> code, List<ParameterExpression> locals, ParameterExpression index)
    {
        var varying = BlockProducts.Varying(code, locals, index);
        var result = new List<(Expression, BlockProduct?, ParameterExpression?)>();
        foreach (var statement in code)
        {
            if (BlockProducts.Scatter(statement, index, varying) is { } scatter)
            {
                result.Add((statement, scatter, null));
                continue;
            }
            var (rewritten, dots) = BlockProducts.Dots(statement, index, varying);
            foreach (var (local, dot) in dots)
            {
                locals.Add(local);
                result.Add((Expression.Empty(), dot, local));
            }
            result.Add((rewritten, null, null));
        }
        return result;
    }

    /// <summary>Each statement's phase (see <see cref="Statement"/>), or null when a map cannot be split out.</summary>
    private static List<Statement>? Levels(List<(Expression Code, BlockProduct? Product, ParameterExpression? Local)> code, IReadOnlySet<ParameterExpression> locals)
    {
        // Per variable: the phase of its last assignment, and the latest phase any statement so far read it in.
        var lastWrite = new Dictionary<ParameterExpression, int>();
        var lastRead = new Dictionary<ParameterExpression, int>();
        // The memory level a scatter set (its phase + 1), while no other statement has written memory since.
        int? scatterMemory = null;
        int Written(IEnumerable<ParameterExpression> vs) => vs.Select(v => lastWrite.GetValueOrDefault(v)).DefaultIfEmpty(0).Max();
        int ReadLevel(IEnumerable<ParameterExpression> vs) => vs.Select(v => lastRead.GetValueOrDefault(v)).DefaultIfEmpty(0).Max();
        var result = new List<Statement>();
        foreach (var (statement, product, local) in code)
        {
            var access = StatementAccess.Of(statement, locals);
            if (product is { IsDot: true })
            {
                // The call runs before the phase's rows, after every memory write before it; later writes wait for it.
                var level = lastWrite.TryGetValue(StatementAccess.Memory, out var written) ? written + 1 : 0;
                lastRead[StatementAccess.Memory] = Math.Max(lastRead.GetValueOrDefault(StatementAccess.Memory), level);
                lastWrite[local!] = level;
                result.Add(new Statement(statement, access, level, null, local, product));
                continue;
            }
            if (statement is BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression target, Right: MethodCallExpression call }
                && locals.Contains(target) && target.Type == typeof(double) && Maps.ContainsKey(call.Method) && !access.Writes.Contains(StatementAccess.Memory))
            {
                var argument = StatementAccess.Of(call.Arguments[0], locals);
                var level = Math.Max(Written(argument.Reads) + 1, Math.Max(ReadLevel([target]), lastWrite.GetValueOrDefault(target)));
                foreach (var v in argument.Reads) lastRead[v] = Math.Max(lastRead.GetValueOrDefault(v), level - 1);
                lastWrite[target] = level;
                result.Add(new Statement(statement, argument, level, call, target));
                continue;
            }
            // A scatter right after a scatter may share its phase: their calls follow the phase's rows in order.
            if (product is not null && scatterMemory is { } bumped && lastWrite.GetValueOrDefault(StatementAccess.Memory) == bumped)
                lastWrite[StatementAccess.Memory] = bumped - 1;
            var at = Math.Max(Written(access.Reads), Math.Max(ReadLevel(access.Writes), Written(access.Writes)));
            foreach (var v in access.Reads) lastRead[v] = Math.Max(lastRead.GetValueOrDefault(v), at);
            foreach (var v in access.Writes) lastWrite[v] = at;
            // A scatter writes memory in its call after the phase's rows: what touches memory after it goes to a later phase.
            scatterMemory = product is not null ? lastWrite[StatementAccess.Memory] = at + 1 : access.Writes.Contains(StatementAccess.Memory) ? null : scatterMemory;
            result.Add(new Statement(statement, access, at, null, null, product));
        }
        return result;
    }
}
