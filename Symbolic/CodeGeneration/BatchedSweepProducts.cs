using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Runtime;
using Kind = Symbolic.CodeGeneration.BatchRows.Kind;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A batched fold's backward sweep step as matrix products over the batch (<c>frontend.batch-folds</c> stacks B states of
/// H components; component s is unit s mod H of sequence s / H). The sweep's component loop adds, per component, two
/// rows scaled by the component's adjoint δ_s:
/// <c>AddScaled(w, H·(s mod H) + o, δ, adjoints, r + (s / H)·H, H)</c> — row s mod H of W into row s / H of the previous
/// state's adjoints, so the B·H calls together are Δ (B × H) · W — and
/// <c>AddScaled(states, r + (s / H)·H, δ, adjoints, a + (s mod H)·H, H)</c> — row s / H of the stored states into row
/// s mod H of W's accumulators, together Δᵀ (H × B) · H_{t−1} (B × H). The loop keeps everything else and writes δ_s into
/// a row of B·H adjoints (<paramref name="Delta"/>) instead; after it, each such group of calls is one
/// <c>DenseRuntime.MultiplyAdd</c>.
/// </summary>
/// <remarks>
/// Moving the additions after the loop is sound because a sweep's step only adds into its buffer (row t and the
/// accumulators) and reads other positions of it (row t + 1): nothing the loop reads is what the calls write. So the calls
/// must write the sweep's buffer, read arrays the loop does not write, run once per iteration (statements of the body,
/// not under a branch or a nested loop) with one scale, a variable the body sets at most once, before the first call.
/// A row start taken mod M (the two-row buffer) is one block when M and every term of the start are multiples of B·H.
/// </remarks>
/// <param name="Buffer">The sweep's buffer of adjoints.</param>
/// <param name="Delta">Where the row of δ starts in the buffer (past the rows and the accumulators).</param>
internal sealed record BatchedSweepProducts(ParameterExpression Buffer, ParameterExpression Delta)
{
    /// <summary>Whether a loop used the row of δ (the buffer is then rented one row longer).</summary>
    public bool Used { get; private set; }

    /// <summary>
    /// The entries past the row of δ that hold a step's gathered input rows (<see cref="BatchRows"/>): the most any loop
    /// gathers (B·n, an expression when B is known only when the model runs).
    /// </summary>
    public Expression Gathered { get; private set; } = Expression.Constant(0);

    /// <summary>The loop over the components with δ stored, then the products; or null when the body has no such calls.</summary>
    public Expression? TryBuild(ParameterExpression s, Expression count, Expression body, Func<Expression, Expression> loop, Expression pool)
    {
        var width = LinqRuntime.Dimension(count);
        if (ExpressionChildren.Mentions(body, Delta)) return null;
        var statements = new List<Expression>();
        Flatten(body, statements);
        var set = BatchedStepProduct.SetIn(body);
        var (written, overwritten) = Writes(body);
        if (overwritten.Contains(Buffer)) return null;
        ParameterExpression? scale = null;
        var lifted = new Dictionary<Expression, Expression>();
        List<Expression> gathers = [], products = [];
        Expression gathered = Expression.Constant(0);
        int? units = null;
        foreach (var call in statements.OfType<MethodCallExpression>().Where(c => c.Method == RowMaps.AddScaledMethod))
        {
            if (call.Arguments is not [var from, var fromOffset, ParameterExpression δ, var to, var toOffset, ConstantExpression { Value: int n }]
                || n <= 0 || to != Buffer || from == Buffer || written.Contains(from)
                || (scale is not null && δ != scale) || new[] { from, fromOffset, toOffset }.Any(a => ExpressionChildren.Mentions(a, set.Contains))) continue;
            var product = (BatchRows.Input(from, s), Block(fromOffset, s, n, width), Block(toOffset, s, n, width)) switch
            {
                // Row b of the target += Σ_j δ[b·H + j]·W[j, ·]: Δ (B × H, rows of H) times W (H × n).
                (null, { Kind: Kind.Unit } w, { Kind: Kind.Sequence } target) when Rows(w, target) is { } batch
                    => Product(pool, target, batch, n, Expression.Constant(w.Units), w.Units, 1, from, w.Rest, w.Stride),
                // Row j of the target += Σ_b δ[b·H + j]·X[b, ·]: Δᵀ (H × B, columns of H) times X (B × n).
                (null, { Kind: Kind.Sequence } x, { Kind: Kind.Unit } target) when Rows(target, x) is { } batch
                    => Product(pool, target, Expression.Constant(target.Units), n, batch, 1, target.Units, from, x.Rest, x.Stride),
                // The same with X the B input rows x_t, gathered past the row of δ once the loop has run.
                ({ } input, _, { Kind: Kind.Unit } target) when input.Units == target.Units && BatchSize.Of(width, input.Units) is { } batch
                    && !ExpressionChildren.Mentions(fromOffset, s) && !ExpressionChildren.Mentions(input.Step, set.Contains)
                    => Gather(input, batch, fromOffset, n, target),
                _ => null,
            };
            if (product is null) continue;
            units ??= Block(toOffset, s, n, width)!.Value.Units;
            scale ??= δ;
            lifted[call] = lifted.Count == 0 ? Expression.Block(typeof(void), Expression.Assign(Expression.ArrayAccess(Buffer, Expression.Add(Delta, s)), δ)) : Expression.Empty();
            products.Add(product);
        }
        if (scale is null || !SetBefore(statements, scale, lifted.Keys.First())) return null;
        foreach (var statement in statements)
            if (BiasRow(statement, s, scale, units!.Value, set) is { } rest && SetBefore(statements, scale, statement))
            {
                lifted[statement] = Expression.Empty();
                products.Add(AddRows(rest, BatchSize.Of(width, units.Value)!, units.Value));
            }
        Used = true;
        Gathered = Larger(Gathered, gathered);
        // What is left, δ into its row, as row maps where it can be (DeltaRow), else the loop.
        var left = new Replace(lifted).Visit(body)!;
        return Expression.Block([DeltaRow.TryBuild(s, width, left, Buffer, Delta, pool) ?? loop(left), .. gathers, .. products]);

        // B, when the rows of a matrix and of the B-row block have one H and the width is B·H.
        Expression? Rows(BatchRows.Row unit, BatchRows.Row sequence) => unit.Units == sequence.Units ? BatchSize.Of(width, unit.Units) : null;

        Expression Gather(BatchRows.InputRow input, Expression batch, Expression offset, int n, BatchRows.Row target)
        {
            var at = AffineIndex.Add(Expression.Add(Delta, width), gathered);
            gathers.Add(BatchRows.Gather(input, batch, offset, n, Buffer, at));
            gathered = AffineIndex.Add(gathered, AffineIndex.Multiply(batch, Expression.Constant(n)));
            return Product(pool, target, Expression.Constant(target.Units), n, batch, 1, target.Units, Buffer, at, n);
        }

        // target (m × n, rows of its stride) += (Δ or Δᵀ: m × k at the row of δ) · (B: k × n, rows of bRow).
        Expression Product(Expression pool, BatchRows.Row target, Expression m, int n, Expression k, int aRow, int aColumn, Expression bArray, Expression bOffset, int bRow) =>
            Expression.Call(DenseRuntime.MultiplyAddMethod, pool, Buffer, target.Rest, Expression.Constant(target.Stride), Expression.Constant(1),
                m, Expression.Constant(n), k,
                Buffer, Delta, Expression.Constant(aRow), Expression.Constant(aColumn), bArray, bOffset, Expression.Constant(bRow), Expression.Constant(1));
    }

    /// <summary>The start of a row of biases δ is added into, <c>Buffer[rest + s mod H] += δ</c>; else null.</summary>
    private Expression? BiasRow(Expression statement, ParameterExpression s, ParameterExpression δ, int units, HashSet<ParameterExpression> set) =>
        statement is BinaryExpression { NodeType: ExpressionType.AddAssign, Left: IndexExpression { Object: var target, Arguments: [var at] }, Right: var added }
        && target == Buffer && added == δ && BatchRows.Of(at, s) is { Kind: Kind.Unit, Stride: 1 } row && row.Units == units
        && !ExpressionChildren.Mentions(row.Rest, set.Contains)
            ? row.Rest : null;

    /// <summary>Row <paramref name="rest"/> of H biases += each of the B rows of δ: after the loop, what it added per component.</summary>
    private Expression AddRows(Expression rest, Expression batch, int units)
    {
        var sequence = Expression.Variable(typeof(int), "sequence");
        var row = Expression.Add(Delta, Expression.Multiply(sequence, Expression.Constant(units)));
        return Expression.Block([sequence], Loops.For(sequence, batch,
            Expression.Call(RowMaps.BinaryMethod, Expression.Constant((int)RowOperation.Add), Buffer, rest, Buffer, row, Buffer, rest, Expression.Constant(units))));
    }

    /// <summary>
    /// An offset of a row of W or of the B-row block (<see cref="BatchRows.Of"/>), or of the block taken mod M:
    /// (r + (s / H)·H) mod M is the block at r mod M when M and r's terms are multiples of B·H and the rows (n ≤ H) are H
    /// apart (the block cannot wrap).
    /// </summary>
    private static BatchRows.Row? Block(Expression offset, ParameterExpression s, int n, Expression width)
    {
        if (offset is not BinaryExpression { NodeType: ExpressionType.Modulo, Method: null, Left: var inner, Right: ConstantExpression { Value: int m } modulus })
            return BatchRows.Of(offset, s);
        // A run-time width's two rows are addressed without a modulus (FoldStorage): only a constant width is taken mod M.
        return width is ConstantExpression { Value: int w } && m > 0 && m % w == 0 && BatchRows.Of(inner, s) is { Kind: Kind.Sequence } row
            && row.Stride == row.Units && n <= row.Units && IsMultiple(row.Rest, w)
            ? row with { Rest = Expression.Modulo(row.Rest, modulus) }
            : null;
    }

    /// <summary>The larger of two sizes: a constant when both are.</summary>
    private static Expression Larger(Expression a, Expression b) => (a, b) switch
    {
        (ConstantExpression { Value: int x }, ConstantExpression { Value: int y }) => Expression.Constant(Math.Max(x, y)),
        (ConstantExpression { Value: 0 }, _) => b,
        (_, ConstantExpression { Value: 0 }) => a,
        _ => Expression.Call(typeof(Math).GetMethod(nameof(Math.Max), [typeof(int), typeof(int)])!, a, b),
    };

    private static bool IsMultiple(Expression e, int q) => e switch
    {
        ConstantExpression { Value: int c } => c % q == 0,
        BinaryExpression { NodeType: ExpressionType.Add, Method: null } sum => IsMultiple(sum.Left, q) && IsMultiple(sum.Right, q),
        BinaryExpression { NodeType: ExpressionType.Multiply, Method: null } product => IsMultiple(product.Left, q) || IsMultiple(product.Right, q),
        _ => false,
    };

    /// <summary>The statements of a body run once per iteration: its blocks' expressions, not under a branch or a nested loop.</summary>
    private static void Flatten(Expression e, List<Expression> statements)
    {
        if (e is BlockExpression block) foreach (var child in block.Expressions) Flatten(child, statements);
        else statements.Add(e);
    }

    /// <summary>Whether the scale is not set in the body, or set only before the first lifted call.</summary>
    private static bool SetBefore(List<Expression> statements, ParameterExpression scale, Expression first)
    {
        var at = statements.IndexOf(first);
        var sets = statements.Select((e, k) => (k, Sets: BatchedStepProduct.SetIn(e).Contains(scale))).Where(x => x.Sets).Select(x => x.k).ToList();
        return sets.Count == 0 || (sets.Count == 1 && sets[0] < at && statements[sets[0]] is BinaryExpression { NodeType: ExpressionType.Assign, Left: var left } && left == scale);
    }

    /// <summary>The arrays the body writes, and those it writes other than by adding (an assignment, an unknown call).</summary>
    private static (HashSet<Expression> Written, HashSet<Expression> Overwritten) Writes(Expression body)
    {
        var (written, overwritten) = (new HashSet<Expression>(), new HashSet<Expression>());
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            switch (e)
            {
                case BinaryExpression { Left: IndexExpression { Object: { } array } } assignment when assignment.NodeType is ExpressionType.AddAssign:
                    written.Add(array);
                    break;
                case BinaryExpression { Left: IndexExpression { Object: { } array } } assignment when assignment.NodeType is ExpressionType.Assign or ExpressionType.SubtractAssign or ExpressionType.MultiplyAssign or ExpressionType.DivideAssign:
                    written.Add(array);
                    overwritten.Add(array);
                    break;
                case UnaryExpression { Operand: IndexExpression { Object: { } array } } unary when unary.NodeType is not ExpressionType.Convert:
                    written.Add(array);
                    overwritten.Add(array);
                    break;
                case MethodCallExpression call when call.Method == RowMaps.AddScaledMethod:
                    written.Add(call.Arguments[3]);
                    break;
                case MethodCallExpression call when call.Method != RowMaps.DotMethod:
                    foreach (var argument in call.Arguments.Where(a => a.Type.IsArray)) { written.Add(argument); overwritten.Add(argument); }
                    break;
            }
            foreach (var child in Diagnostics.ExpressionChildren.Of(e)) pending.Push(child);
        }
        return (written, overwritten);
    }

    private sealed class Replace(Dictionary<Expression, Expression> replacements) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node is not null && replacements.TryGetValue(node, out var to) ? to : base.Visit(node);
    }
}
