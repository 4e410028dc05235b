using System.Linq.Expressions;
using Symbolic.Diagnostics;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Speculates the guard blocks of a blocked row body (<see cref="BlockedLoop"/>), so that a <c>Where</c> body is
/// blocked like an unfiltered one. The scheduler computes the values a filter guards once per row, in one guard
/// block <c>guard = { if (t) { … } 0 }</c> (<see cref="GuardedInvariants"/>), and runs the gradient's scatter loop
/// under the test (<c>if (t) { for j … }</c>). When every read in the guard block is in range whatever the test
/// says (the row's dot products, which become block products read with the bounds the unfiltered loop checks, and
/// weights at indices that do not depend on the row), the block's statements run for every row; the conditionals
/// on the test then become selections (<see cref="BlockSelections"/>), and a guarded scatter loop's factor c is
/// selected, <c>c = t ? factor : 0</c>, before the loop, which becomes a block scatter (<see cref="BlockProducts"/>).
/// A row the filter excludes contributes exactly 0 through the selections, whatever its values (inf or NaN) are.
/// </summary>
/// <remarks>
/// The test must be a bool local assigned a comparison of two doubles or two ints; its operands are moved into
/// double locals (an int converted exactly), so the comparison is one a selection makes. A guard block with any
/// other read (<c>w[i + 3]</c>, out of range for a row the filter excludes), a write to memory, or a guarded
/// statement other than a scatter loop leaves the body as it is, and the loop runs row by row.
/// </remarks>
internal static class BlockGuards
{
    /// <summary>The body with its guard blocks speculated, or unchanged.</summary>
    /// <param name="locals">The body's locals (new ones are added for the test's operands and the scatters' factors).</param>
    /// <param name="code">The body's top-level statements.</param>
    /// <param name="index">The row index.</param>
    public static (List<ParameterExpression> Locals, List<Expression> Code) Rewrite(List<ParameterExpression> locals, List<Expression> code, ParameterExpression index)
    {
        var varying = BlockProducts.Varying(code, locals, index);
        var localSet = locals.ToHashSet();
        var newLocals = new List<ParameterExpression>(locals);
        var result = new List<Expression>(code);
        var markers = new HashSet<ParameterExpression>();
        var flags = new Dictionary<ParameterExpression, int>();
        for (var k = 0; k < code.Count; k++)
        {
            if (code[k] is not BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression marker, Right: BlockExpression { Variables.Count: 0, Expressions: [ConditionalExpression { IfFalse: DefaultExpression } guard, ConstantExpression] } }
                || !localSet.Contains(marker)) continue;
            if (Flag(guard.Test) is not { } flag || Definition(code, k, flag, localSet) is not { } at) return (locals, code);
            var statements = new List<Expression>();
            Splice(guard.IfTrue, statements);
            if (!statements.All(s => Speculable(s, localSet.Union(newLocals).ToHashSet(), index, varying))) return (locals, code);
            result[k] = statements.Count == 0 ? Expression.Empty() : Expression.Block(typeof(void), statements);
            markers.Add(marker);
            flags[flag] = at;
        }
        if (markers.Count == 0) return (locals, code);
        for (var k = 0; k < result.Count; k++)
        {
            result[k] = new MarkerStripper(markers).Visit(result[k]);
            if (result[k] is not ConditionalExpression { Type: var type, IfFalse: DefaultExpression } branch || type != typeof(void)
                || Flag(branch.Test) is not { } flag || !flags.ContainsKey(flag)) continue;
            // A scatter loop under the test: its factor selected before it, the loop run for every row.
            var known = new KnownTest(flag, branch.Test == flag).Visit(branch.IfTrue);
            var statements = new List<Expression>();
            Splice(known, statements);
            var rewritten = new List<Expression>();
            foreach (var statement in statements)
            {
                if (BlockProducts.ScatterMovingNegation(statement, index, varying) is not var (loop, product)) return (locals, code);
                var factor = Expression.Variable(typeof(double), "factor" + (newLocals.Count + 1));
                newLocals.Add(factor);
                rewritten.Add(Expression.Assign(factor, branch.Test == flag
                    ? Expression.Condition(flag, product.Scale!, Expression.Constant(0d))
                    : Expression.Condition(flag, Expression.Constant(0d), product.Scale!)));
                rewritten.Add(new ReferenceReplacer(product.Scale!, factor).Visit(loop)!);
            }
            result[k] = Expression.Block(typeof(void), rewritten);
        }
        if (result.Any(s => ExpressionChildren.Mentions(s, markers.Contains))) return (locals, code);
        // The tests' operands as double locals, so each test is a comparison of doubles a selection makes.
        foreach (var (flag, at) in flags.OrderByDescending(f => f.Value))
        {
            var comparison = (BinaryExpression)((BinaryExpression)result[at]).Right;
            var operands = new List<Expression>();
            Expression Operand(Expression e)
            {
                if (e is ConstantExpression constant) return Expression.Constant(Convert.ToDouble(constant.Value, System.Globalization.CultureInfo.InvariantCulture));
                var value = e.Type == typeof(double) ? e : Expression.Convert(e, typeof(double));
                var local = Expression.Variable(typeof(double), "filter" + (newLocals.Count + 1));
                newLocals.Add(local);
                operands.Add(Expression.Assign(local, value));
                return local;
            }
            var (left, right) = (Operand(comparison.Left), Operand(comparison.Right));
            operands.Add(Expression.Assign(flag, Expression.MakeBinary(comparison.NodeType, left, right)));
            result[at] = Expression.Block(typeof(void), operands);
        }
        // Spliced so the selections see each statement at the top level.
        var spliced = new List<Expression>();
        foreach (var statement in result) Splice(statement, spliced);
        return (newLocals, spliced);
    }

    /// <summary>The bool local a guard tests, directly or negated.</summary>
    private static ParameterExpression? Flag(Expression test) => test switch
    {
        ParameterExpression { Type: var t } p when t == typeof(bool) => p,
        UnaryExpression { NodeType: ExpressionType.Not, Operand: ParameterExpression { Type: var t } p } when t == typeof(bool) => p,
        _ => null,
    };

    /// <summary>Where <paramref name="flag"/>, assigned once before statement <paramref name="k"/>, is assigned a comparison of two doubles or two ints; null otherwise.</summary>
    private static int? Definition(List<Expression> code, int k, ParameterExpression flag, IReadOnlySet<ParameterExpression> locals)
    {
        var writers = Enumerable.Range(0, code.Count).Where(d => StatementAccess.Of(code[d], locals).Writes.Contains(flag)).ToList();
        return writers is [var d] && d < k && code[d] is BinaryExpression { NodeType: ExpressionType.Assign, Left: var target, Right: BinaryExpression { Method: null } comparison } && target == flag
            && comparison.NodeType is ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
                or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual
            && comparison.Left.Type == comparison.Right.Type && (comparison.Left.Type == typeof(double) || comparison.Left.Type == typeof(int)) ? d : null;
    }

    /// <summary>Adds <paramref name="e"/>'s statements to <paramref name="statements"/>, blocks that declare nothing spliced in.</summary>
    private static void Splice(Expression e, List<Expression> statements)
    {
        if (e is BlockExpression { Variables.Count: 0 } block)
        {
            foreach (var s in block.Expressions) Splice(s, statements);
        }
        else if (e is not DefaultExpression { Type: var t } || t != typeof(void)) statements.Add(e);
    }

    /// <summary>Whether <paramref name="statement"/> can run for a row the guard excludes: a local assigned a value whose reads are all in range (<see cref="Safe"/>) once its dot products are block products.</summary>
    private static bool Speculable(Expression statement, IReadOnlySet<ParameterExpression> locals, ParameterExpression index, IReadOnlySet<ParameterExpression> varying) =>
        statement is BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression target } && locals.Contains(target)
        && BlockProducts.Dots(statement, index, varying).Statement is BinaryExpression { Right: var value } && Safe(value, varying);

    /// <summary>
    /// Whether evaluating <paramref name="e"/> for any row reads nothing out of range and throws nothing: arithmetic,
    /// Math functions, locals, and array elements at indices that are the same for every row.
    /// </summary>
    private static bool Safe(Expression e, IReadOnlySet<ParameterExpression> varying) => e switch
    {
        ConstantExpression or ParameterExpression => true,
        UnaryExpression { NodeType: ExpressionType.ArrayLength } u => Invariant(u.Operand, varying),
        UnaryExpression { NodeType: ExpressionType.Negate or ExpressionType.UnaryPlus or ExpressionType.Convert or ExpressionType.Not, Method: null } u => Safe(u.Operand, varying),
        BinaryExpression { NodeType: ExpressionType.ArrayIndex } b => Invariant(b.Left, varying) && Invariant(b.Right, varying),
        BinaryExpression { Method: null } b when b.NodeType is ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Multiply or ExpressionType.Equal
            or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual
            || b.NodeType is ExpressionType.Divide && b.Type == typeof(double) => Safe(b.Left, varying) && Safe(b.Right, varying),
        IndexExpression { Indexer: null, Object: { } array, Arguments: [var at] } => Invariant(array, varying) && Invariant(at, varying),
        ConditionalExpression c => Safe(c.Test, varying) && Safe(c.IfTrue, varying) && Safe(c.IfFalse, varying),
        MethodCallExpression { Object: null } m when m.Method.DeclaringType == typeof(Math) || m.Method.DeclaringType == typeof(SymbolicMath) => m.Arguments.All(a => Safe(a, varying)),
        _ => false,
    };

    /// <summary>Whether <paramref name="e"/> reads none of the variables that change inside the row body.</summary>
    private static bool Invariant(Expression e, IReadOnlySet<ParameterExpression> varying) => !ExpressionChildren.Mentions(e, varying.Contains);

    /// <summary>Reads of a guard's marker, <c>{ guard; value }</c>, as the value (the speculated block runs before them).</summary>
    private sealed class MarkerStripper(HashSet<ParameterExpression> markers) : ExpressionVisitor
    {
        protected override Expression VisitBlock(BlockExpression node) =>
            node is { Variables.Count: 0, Expressions: [ParameterExpression marker, var value] } && markers.Contains(marker) ? Visit(value) : base.VisitBlock(node);
    }

    /// <summary>A branch's body with the test it runs under known: <c>t ? a : b</c> and <c>if (t) a</c> as the branch taken.</summary>
    private sealed class KnownTest(ParameterExpression flag, bool value) : ExpressionVisitor
    {
        protected override Expression VisitConditional(ConditionalExpression node)
        {
            if (Flag(node.Test) != flag) return base.VisitConditional(node);
            var taken = Visit((node.Test == flag) == value ? node.IfTrue : node.IfFalse);
            return node.Type == typeof(void) && taken.Type != typeof(void) ? Expression.Block(typeof(void), taken) : taken;
        }
    }

    private sealed class ReferenceReplacer(Expression target, Expression replacement) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => ReferenceEquals(node, target) ? replacement : base.Visit(node);
    }
}
