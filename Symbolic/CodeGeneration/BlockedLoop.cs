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
/// Conditionals become selections over the block (<see cref="BlockSelections"/>, one call after the phase of their
/// operands, like a map), and the rows' dot products and scatters one call per block (<see cref="BlockProducts"/>:
/// a dot before the phase that reads it, a scatter after the phase that computes its factors).
/// </summary>
internal static class BlockedLoop
{
    // The exp-like Math functions a map replaces, by method, and the sign of a selection's branch (|r|'s derivative).
    private static readonly Dictionary<MethodInfo, RowOperation> Maps = Enum.GetValues<UnaryOp>()
        .Where(RowBlocking.IsMapped).ToDictionary(op => MathMethods.Unary[op], op => RowOperations.Of(op)!.Value)
        .Append(new(typeof(SymbolicMath).GetMethod(nameof(SymbolicMath.Sign), [typeof(double)])!, RowOperation.Sign)).ToDictionary();

    /// <summary>
    /// A statement and the phases it runs in: a map or a selection (<see cref="BlockSelections"/>) reads its
    /// operands in <c>Level − 1</c> and assigns in <c>Level</c>; a block dot product (<see cref="BlockProduct"/>) is one
    /// call before phase <c>Level</c>, read into its local in it; a block scatter stores its rows' factors in phase
    /// <c>Level</c> and is one call after it.
    /// </summary>
    private sealed record Statement(Expression Code, StatementAccess Access, int Level, MethodCallExpression? Map, ParameterExpression? Target,
        ConditionalExpression? Selection = null, Statement?[]? Aliases = null, BlockProduct? Product = null)
    {
        /// <summary>The map whose block row a selection's operand k reads as it is (no copy through a phase), or null.</summary>
        public Statement? AliasOf(int k) => Aliases?[k];

        /// <summary>Whether the statement runs as a call over the block.</summary>
        public bool OverBlock => Map is not null || Selection is not null;

        /// <summary>What the call reads, each from a row of the block's buffer: a map's argument; a selection's compared values and branches.</summary>
        public Expression[] Operands => Map is not null ? [Map.Arguments[0]]
            : Selection is { Test: BinaryExpression test } ? [test.Left, test.Right, Selection.IfTrue, Selection.IfFalse] : [];
    }

    /// <summary>
    /// The blocked loop, or null when the body does not split (no map or selection at its top level, a value other
    /// than a double or a recomputable bool crossing a phase, a label or jump among its statements): the caller then keeps the row-by-row loop.
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
        (locals, code) = BlockGuards.Rewrite(locals, code, index);
        (locals, code) = BlockSelections.Rewrite(locals, code, Maps);
        var statements = Levels(Products(code, locals, index), locals.ToHashSet());
        var localSet = locals.ToHashSet();
        if (statements is null || !statements.Any(s => s.OverBlock)) return null;
        // Selections alone pay for a block by saving the rows' branches: not when a branch on the row stays (a
        // scatter guarded by hinge's margin mispredicts as before, and the block only adds its buffer's traffic).
        if (!statements.Any(s => s.Map is not null) && statements.Any(s => s.Selection is null && BranchFinder.Branches(s.Code))) return null;
        var phases = statements.Max(s => s.Level) + 1;

        // Where each local is assigned and read, by phase; a value read in a later phase than one it is assigned in crosses.
        var written = locals.ToDictionary(v => v, _ => new SortedSet<int>());
        var read = locals.ToDictionary(v => v, _ => new SortedSet<int>());
        foreach (var s in statements)
        {
            var readPhase = s.OverBlock ? s.Level - 1 : s.Level;
            foreach (var v in s.Access.Reads) if (read.TryGetValue(v, out var phasesRead)) phasesRead.Add(readPhase);
            foreach (var v in s.Access.Writes) if (written.TryGetValue(v, out var w)) w.Add(s.Level);
            if (s.Target is { } target) written[target].Add(s.Level);
        }
        var crossing = locals.Where(v => written[v].Count > 0 && read[v].Count > 0 && read[v].Max > written[v].Min).ToList();
        // A bool that crosses (a selection's test that a guarded scatter reads again) is computed again in each phase
        // that reads it, from the doubles it compares, which cross instead.
        var recomputed = new Dictionary<ParameterExpression, Statement>();
        foreach (var v in crossing.Where(v => v.Type != typeof(double)))
        {
            var writers = statements.Where(s => s.Access.Writes.Contains(v) || s.Target == v).ToList();
            if (writers is not [{ Code: BinaryExpression { NodeType: ExpressionType.Assign, Left: var assigned, Right: var definition } } writer]
                || assigned != v || !BlockSelections.IsPure(definition)
                || writer.Access.Reads.Any(u => u.Type != typeof(double) || statements.Count(s => s.Access.Writes.Contains(u) || s.Target == u) != 1))
                return null;
            recomputed[v] = writer;
            foreach (var p in read[v].Where(p => p > writer.Level).ToList())
                foreach (var u in writer.Access.Reads) read[u].Add(p);
        }
        crossing = [.. locals.Where(v => !recomputed.ContainsKey(v) && written[v].Count > 0 && read[v].Count > 0 && read[v].Max > written[v].Min)];
        if (crossing.Any(v => v.Type != typeof(double))) return null;

        // The buffer: one row of B per crossing value, then one per operand of a map (mapped in place) or a
        // selection (a constant operand's row is filled once per call), then one per selection's result, then one
        // per block product (a dot's results, a scatter's factors).
        var rows = block.Rows;
        var slots = 0;
        var crossingSlot = crossing.ToDictionary(v => v, _ => slots++);
        var operandSlots = new Dictionary<Statement, int[]>(ReferenceEqualityComparer.Instance);
        var resultSlot = new Dictionary<Statement, int>(ReferenceEqualityComparer.Instance);
        var constants = new List<(int Slot, Expression Value)>();
        foreach (var s in statements.Where(s => s.OverBlock))
        {
            operandSlots[s] = [.. s.Operands.Select((_, k) => s.AliasOf(k) is { } map ? resultSlot[map] : slots++)];
            for (var k = 0; k < s.Operands.Length; k++)
                if (s.Selection is not null && s.Operands[k] is ConstantExpression) constants.Add((operandSlots[s][k], s.Operands[k]));
            resultSlot[s] = s.Map is not null ? operandSlots[s][0] : slots++;
        }
        var productSlot = new Dictionary<Statement, int>(ReferenceEqualityComparer.Instance);
        foreach (var s in statements.Where(s => s.Product is not null)) productSlot[s] = slots++;
        var (buffer, start, end, n, r) = (Expression.Variable(typeof(double[]), "block"), Expression.Variable(typeof(int), index.Name + "Block"),
            Expression.Variable(typeof(int), index.Name + "End"), Expression.Variable(typeof(int), index.Name + "Rows"), Expression.Variable(typeof(int), index.Name + "Row"));
        Expression At(int slot) => Expression.ArrayAccess(buffer, Expression.Add(r, Expression.Constant(slot * rows)));
        Expression Offset(int slot) => Expression.Constant(slot * rows);

        var blockBody = new List<Expression>
        {
            Expression.Assign(n, Expression.Subtract(end, start)),
            Expression.IfThen(Expression.GreaterThan(n, Expression.Constant(rows)), Expression.Assign(n, Expression.Constant(rows))),
        };
        for (var phase = 0; phase < phases; phase++)
        {
            var p = phase;
            blockBody.AddRange(statements.Where(s => s.Product is { IsDot: true } && s.Level == p).Select(s => s.Product!.Call(start, n, buffer, Offset(productSlot[s]))));
            var row = new List<Expression> { Expression.Assign(index, Expression.Add(start, r)) };
            row.AddRange(crossing.Where(v => read[v].Contains(p) && written[v].Min < p).Select(v => Expression.Assign(v, At(crossingSlot[v]))));
            row.AddRange(recomputed.Where(d => read[d.Key].Contains(p) && d.Value.Level < p).Select(d => d.Value.Code));
            foreach (var s in statements)
            {
                if (s.Product is { } product && s.Level == p)
                    row.Add(product.IsDot ? Expression.Assign(s.Target!, At(productSlot[s])) : Expression.Assign(At(productSlot[s]), product.Scale!));
                else if (s.Product is not null) { }
                else if (s.OverBlock && s.Level - 1 == p)
                    row.AddRange(s.Operands.Select((operand, k) => (operand, k)).Where(o => (o.operand is not ConstantExpression || s.Map is not null) && s.AliasOf(o.k) is null)
                        .Select(o => Expression.Assign(At(operandSlots[s][o.k]), o.operand)));
                else if (s.OverBlock && s.Level == p) row.Add(Expression.Assign(s.Target!, At(resultSlot[s])));
                else if (!s.OverBlock && s.Level == p) row.Add(s.Code);
            }
            row.AddRange(crossing.Where(v => written[v].Contains(p) && read[v].Max > p).Select(v => Expression.Assign(At(crossingSlot[v]), v)));
            if (row.Count > 1) blockBody.Add(VectorPhase.For(row, r, n, index, start, buffer, localSet));
            foreach (var s in statements.Where(s => s.OverBlock && s.Level - 1 == p))
            {
                var operands = operandSlots[s];
                blockBody.Add(s.Map is not null
                    ? Expression.Call(RowMaps.UnaryMethod, Expression.Constant((int)Maps[s.Map.Method]), buffer, Offset(operands[0]), buffer, Offset(operands[0]), n)
                    : Expression.Call(RowMaps.SelectMethod, Expression.Constant((int)Comparison(s.Selection!.Test.NodeType)!.Value), buffer, Offset(operands[0]), buffer, Offset(operands[1]),
                        buffer, Offset(operands[2]), buffer, Offset(operands[3]), buffer, Offset(resultSlot[s]), n));
            }
            blockBody.AddRange(statements.Where(s => s.Product is { IsDot: false } && s.Level == p).Select(s => s.Product!.Call(start, n, buffer, Offset(productSlot[s]))));
        }
        blockBody.Add(Expression.AddAssign(start, Expression.Constant(rows)));

        var exit = Expression.Label(index.Name + "Blocks");
        return Expression.Block([index, start, end, n, buffer, .. locals],
            Expression.Assign(end, LinqRuntime.Inline(count)),
            Expression.Assign(buffer, Expression.Call(DenseRuntime.RentMethod, Expression.Constant(buffers), Expression.Constant(block.Slot), Expression.Constant(slots * rows))),
            constants.Count == 0 ? Expression.Empty() : Expression.Block(constants.Select(c => Expression.Call(RowMaps.FillMethod, c.Value, buffer, Offset(c.Slot), Expression.Constant(rows)))),
            Expression.Assign(start, Expression.Constant(0)),
            Expression.Loop(Expression.IfThenElse(Expression.LessThan(start, end), Expression.Block(blockBody), Expression.Break(exit)), exit));
    }

    /// <summary>Finds a branch on data: a conditional whose test is not a loop's or a guard's comparison of ints.</summary>
    private sealed class BranchFinder : ExpressionVisitor
    {
        private bool _found;

        public static bool Branches(Expression e)
        {
            var finder = new BranchFinder();
            finder.Visit(e);
            return finder._found;
        }

        protected override Expression VisitConditional(ConditionalExpression node)
        {
            _found |= node.Test is not BinaryExpression { Left.Type: var type } || type != typeof(int);
            return base.VisitConditional(node);
        }
    }

    /// <summary>The row code of a comparison, or null for another node type.</summary>
    private static RowOperation? Comparison(ExpressionType type) => type switch
    {
        ExpressionType.Equal => RowOperation.Equal,
        ExpressionType.NotEqual => RowOperation.NotEqual,
        ExpressionType.LessThan => RowOperation.LessThan,
        ExpressionType.LessThanOrEqual => RowOperation.LessThanOrEqual,
        ExpressionType.GreaterThan => RowOperation.GreaterThan,
        ExpressionType.GreaterThanOrEqual => RowOperation.GreaterThanOrEqual,
        _ => null,
    };

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
            if (BlockProducts.ScatterMovingNegation(statement, index, varying) is var (scatterStatement, scatter))
            {
                result.Add((scatterStatement, scatter, null));
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
        // The maps whose target still holds the mapped value: a selection reads their block row directly.
        var mapped = new Dictionary<ParameterExpression, Statement>();
        foreach (var (statement, product, local) in code)
        {
            var access = StatementAccess.Of(statement, locals);
            foreach (var v in access.Writes) mapped.Remove(v);
            if (product is { IsDot: true })
            {
                // The call runs before the phase's rows, after every memory write before it; later writes wait for it.
                var level = lastWrite.TryGetValue(StatementAccess.Memory, out var written) ? written + 1 : 0;
                lastRead[StatementAccess.Memory] = Math.Max(lastRead.GetValueOrDefault(StatementAccess.Memory), level);
                lastWrite[local!] = level;
                result.Add(new Statement(statement, access, level, null, local, Product: product));
                continue;
            }
            if (statement is BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression target, Right: MethodCallExpression call }
                && locals.Contains(target) && target.Type == typeof(double) && Maps.ContainsKey(call.Method) && !access.Writes.Contains(StatementAccess.Memory))
            {
                var argument = StatementAccess.Of(call.Arguments[0], locals);
                var level = Math.Max(Written(argument.Reads) + 1, Math.Max(ReadLevel([target]), lastWrite.GetValueOrDefault(target)));
                foreach (var v in argument.Reads) lastRead[v] = Math.Max(lastRead.GetValueOrDefault(v), level - 1);
                lastWrite[target] = level;
                result.Add(mapped[target] = new Statement(statement, argument, level, call, target));
                continue;
            }
            if (statement is BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression chosen, Right: ConditionalExpression { Test: BinaryExpression test } selection }
                && locals.Contains(chosen) && chosen.Type == typeof(double) && selection.Type == typeof(double) && Comparison(test.NodeType) is not null
                && test.Left.Type == typeof(double) && test.Method is null && BlockSelections.IsPure(selection))
            {
                Expression[] values = [test.Left, test.Right, selection.IfTrue, selection.IfFalse];
                Statement?[] aliases = [.. values.Select(v => v is ParameterExpression p && mapped.TryGetValue(p, out var map) ? map : null)];
                // The operands computed in the phase before the call; an aliased map's row is ready once the map has run.
                var operands = StatementAccess.Of(Expression.Block(typeof(void), values.Where((_, k) => aliases[k] is null)), locals);
                var level = Math.Max(Written(operands.Reads) + 1, Math.Max(ReadLevel([chosen]), lastWrite.GetValueOrDefault(chosen)));
                level = Math.Max(level, aliases.Max(a => a?.Level ?? 0));
                foreach (var v in operands.Reads) lastRead[v] = Math.Max(lastRead.GetValueOrDefault(v), level - 1);
                lastWrite[chosen] = level;
                result.Add(new Statement(statement, operands, level, null, chosen, selection, aliases));
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
            result.Add(new Statement(statement, access, at, null, null, Product: product));
        }
        return result;
    }
}
