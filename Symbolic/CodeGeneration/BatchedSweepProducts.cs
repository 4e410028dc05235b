using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Runtime;
using Kind = Symbolic.CodeGeneration.BatchedStepProduct.Kind;

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
        var products = new List<Expression>();
        foreach (var call in statements.OfType<MethodCallExpression>().Where(c => c.Method == RowMaps.AddScaledMethod))
        {
            if (call.Arguments is not [var from, var fromOffset, ParameterExpression δ, var to, var toOffset, ConstantExpression { Value: int h }]
                || BatchSize.Of(width, h) is not { } b || to != Buffer || from == Buffer || written.Contains(from)
                || (scale is not null && δ != scale) || new[] { from, fromOffset, toOffset }.Any(a => ExpressionChildren.Mentions(a, set.Contains))) continue;
            var product = (Block(fromOffset, s, h, width), Block(toOffset, s, h, width)) switch
            {
                // Row b of the target += Σ_j δ[b·H + j]·W[j, ·]: Δ (B × H, rows of H) times W (H × H).
                ((Kind.Unit, var w), (Kind.Sequence, var target)) => Product(pool, target, b, h, Expression.Constant(h), h, 1, from, w),
                // Row j of the target += Σ_b δ[b·H + j]·X[b, ·]: Δᵀ (H × B, columns of H) times X (B × H).
                ((Kind.Sequence, var x), (Kind.Unit, var target)) => Product(pool, target, Expression.Constant(h), h, b, 1, h, from, x),
                _ => null,
            };
            if (product is null) continue;
            scale ??= δ;
            lifted[call] = lifted.Count == 0 ? Expression.Block(typeof(void), Expression.Assign(Expression.ArrayAccess(Buffer, Expression.Add(Delta, s)), δ)) : Expression.Empty();
            products.Add(product);
        }
        if (scale is null || !SetBefore(statements, scale, lifted.Keys.First())) return null;
        Used = true;
        return Expression.Block([loop(new Replace(lifted).Visit(body)!), .. products]);

        Expression Product(Expression pool, Expression target, Expression m, int n, Expression k, int aRow, int aColumn, Expression bArray, Expression bOffset) =>
            Expression.Call(DenseRuntime.MultiplyAddMethod, pool, Buffer, target, Expression.Constant(n), Expression.Constant(1),
                m, Expression.Constant(n), k,
                Buffer, Delta, Expression.Constant(aRow), Expression.Constant(aColumn), bArray, bOffset, Expression.Constant(n), Expression.Constant(1));
    }

    /// <summary>
    /// An offset of a row of W or of the B × H block (<see cref="BatchedStepProduct.Row"/>), or of the block taken mod M:
    /// (r + (s / H)·H) mod M is the block at r mod M when M and r's terms are multiples of B·H (the block cannot wrap).
    /// </summary>
    private static (Kind Kind, Expression Remainder)? Block(Expression offset, ParameterExpression s, int h, Expression width)
    {
        if (offset is not BinaryExpression { NodeType: ExpressionType.Modulo, Method: null, Left: var inner, Right: ConstantExpression { Value: int m } modulus })
            return BatchedStepProduct.Row(offset, s, h);
        // A run-time width's two rows are addressed without a modulus (FoldStorage): only a constant width is taken mod M.
        return width is ConstantExpression { Value: int w } && m > 0 && m % w == 0 && BatchedStepProduct.Row(inner, s, h) is (Kind.Sequence, var rest) && IsMultiple(rest, w)
            ? (Kind.Sequence, Expression.Modulo(rest, modulus))
            : null;
    }

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
