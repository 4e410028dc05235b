using System.Linq.Expressions;
using System.Reflection;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Turns the conditionals of a blocked row body into selections (<see cref="BlockedLoop"/>): a value
/// <c>t ? a : b</c> of type double whose test compares two doubles and whose branches only compute (no memory,
/// no jump) becomes a statement <c>s = (x op y) ? a : b</c> of its own, with both branches as plain expressions
/// (a branch's own assignments substituted into its value) and the exp-like functions and signs of the branches
/// hoisted into map statements <c>m = Math.Exp(u)</c> before it. The blocked loop then computes x, y, a and b
/// for every row of the block and selects over the block with one vectorised call
/// (<see cref="Runtime.RowMaps.Select(int, double[], int, double[], int, double[], int, double[], int, double[], int, int)"/>):
/// no branch per row, so no mispredicted branch when the rows fall on both sides (Huber's |r| ≤ δ, a stable logistic's z &gt; 0).
/// </summary>
/// <remarks>
/// Both branches are evaluated for every row; that is safe because they read no memory and throw nothing (a
/// value not selected may be infinite or NaN, and is dropped). Each selected value is the same arithmetic as the
/// branch it comes from, in the same order, so the bits are the branch's. A test that is a bool local
/// (<c>t3 = t2 &lt;= 1</c>, shared by the value's and the adjoint's conditional) is replaced by its comparison
/// when the compared values are not reassigned in between. Anything else is left as it is (a scalar branch in
/// its phase), and so is the whole body when a branch's local is read outside its branch.
/// </remarks>
internal static class BlockSelections
{
    // Branch values larger than this (after substituting the branch's assignments) stay branches.
    private const int MaximumOperandSize = 64;

    /// <summary>The body with its pure double conditionals as selection statements, or the body unchanged.</summary>
    /// <param name="locals">The body's locals (new ones are added for the selections and hoisted maps).</param>
    /// <param name="code">The body's top-level statements.</param>
    /// <param name="mapped">The methods a blocked loop maps over a block (hoisted out of the branches).</param>
    public static (List<ParameterExpression> Locals, List<Expression> Code) Rewrite(List<ParameterExpression> locals, List<Expression> code, IReadOnlyDictionary<MethodInfo, Runtime.RowOperation> mapped)
    {
        var localSet = locals.ToHashSet();
        var (newLocals, result) = (new List<ParameterExpression>(locals), new List<Expression>(code.Count));
        var rewrote = false;
        var branchAssigned = new HashSet<ParameterExpression>();
        for (var k = 0; k < code.Count; k++)
        {
            var hoisted = new List<Expression>();
            var rewriter = new Rewriter(k, code, localSet, mapped, hoisted, newLocals, branchAssigned);
            var statement = rewriter.Visit(code[k]);
            rewrote |= hoisted.Count > 0;
            result.AddRange(hoisted);
            result.Add(statement);
        }
        if (!rewrote) return (locals, code);
        // A branch's local read anywhere after the rewrite: the branch was not self-contained (or the local holds
        // something else too, which the dropped branch assignment would have changed), keep the body.
        var read = new HashSet<ParameterExpression>();
        var all = newLocals.ToHashSet();
        foreach (var s in result) read.UnionWith(StatementAccess.Of(s, all).Reads);
        return branchAssigned.Overlaps(read) ? (locals, code) : (newLocals, result);
    }

    /// <summary>Whether <paramref name="e"/> only computes: constants, locals, arithmetic, comparisons, pure conditionals, Math and SymbolicMath calls.</summary>
    public static bool IsPure(Expression e)
    {
        var pending = new Stack<Expression>([e]);
        while (pending.TryPop(out var x))
            switch (x)
            {
                case ConstantExpression or ParameterExpression: break;
                case UnaryExpression { NodeType: ExpressionType.Negate or ExpressionType.Not or ExpressionType.Convert or ExpressionType.UnaryPlus } u: pending.Push(u.Operand); break;
                case BinaryExpression b when !IsAssignment(b.NodeType) && b.NodeType != ExpressionType.ArrayIndex && b.Method is null:
                    pending.Push(b.Left);
                    pending.Push(b.Right);
                    break;
                case ConditionalExpression c:
                    pending.Push(c.Test);
                    pending.Push(c.IfTrue);
                    pending.Push(c.IfFalse);
                    break;
                case MethodCallExpression { Object: null } call when call.Method.DeclaringType == typeof(Math) || call.Method.DeclaringType == typeof(SymbolicMath):
                    foreach (var a in call.Arguments) pending.Push(a);
                    break;
                default: return false;
            }
        return true;
    }

    private static bool IsAssignment(ExpressionType t) => t is ExpressionType.Assign or ExpressionType.AddAssign or ExpressionType.SubtractAssign
        or ExpressionType.MultiplyAssign or ExpressionType.DivideAssign;

    private static bool IsComparison(Expression e) => e is BinaryExpression
    {
        NodeType: ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
            or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual,
        Method: null,
    } b && b.Left.Type == typeof(double) && b.Right.Type == typeof(double);

    /// <summary>Rewrites the conditionals of statement k (not those inside its loops: they run per inner element).</summary>
    private sealed class Rewriter(int k, List<Expression> code, IReadOnlySet<ParameterExpression> locals, IReadOnlyDictionary<MethodInfo, Runtime.RowOperation> mapped,
        List<Expression> hoisted, List<ParameterExpression> newLocals, HashSet<ParameterExpression> branchAssigned) : ExpressionVisitor
    {
        // Not into loops (their conditionals run per inner element), blocks (which may assign what a branch reads)
        // or branches that stay branches (a selection hoisted out of one would run before the branch's assignments).
        protected override Expression VisitLoop(LoopExpression node) => node;

        protected override Expression VisitLambda<T>(Expression<T> node) => node;

        protected override Expression VisitBlock(BlockExpression node) => node;

        protected override Expression VisitConditional(ConditionalExpression node)
        {
            var assigned = new HashSet<ParameterExpression>();
            if (node.Type != typeof(double) || Test(node.Test) is not { } test
                || Branch(node.IfTrue, assigned) is not { } ifTrue || Branch(node.IfFalse, assigned) is not { } ifFalse)
                return node;
            // The statement's own assignments (other than its target) come before the selection it is hoisted out of.
            var statementWrites = code[k] is BinaryExpression { Left: ParameterExpression, Right: var right } && IsAssignment(code[k].NodeType)
                ? StatementAccess.Of(right, locals).Writes : StatementAccess.Of(code[k], locals).Writes;
            if (statementWrites.Overlaps(StatementAccess.Of(Expression.Condition(test, ifTrue, ifFalse), locals).Reads)) return node;
            var selection = Expression.Condition(test, Hoist(ifTrue), Hoist(ifFalse));
            branchAssigned.UnionWith(assigned);
            var target = Expression.Variable(typeof(double), "select" + (newLocals.Count + 1));
            newLocals.Add(target);
            hoisted.Add(Expression.Assign(target, selection));
            return target;
        }

        /// <summary>The comparison the test makes: itself, or the one a bool local was last assigned (its operands unchanged since).</summary>
        private Expression? Test(Expression test)
        {
            if (IsComparison(test) && IsPure(test)) return test;
            if (test is not ParameterExpression flag || !locals.Contains(flag)) return null;
            for (var d = k - 1; d >= 0; d--)
            {
                var access = StatementAccess.Of(code[d], locals);
                if (!access.Writes.Contains(flag)) continue;
                if (code[d] is not BinaryExpression { NodeType: ExpressionType.Assign, Right: var comparison } || !IsComparison(comparison) || !IsPure(comparison)) return null;
                var operands = StatementAccess.Of(comparison, locals).Reads;
                for (var between = d + 1; between <= k; between++)
                    if (StatementAccess.Of(code[between], locals).Writes.Overlaps(operands)) return null;
                return comparison;
            }
            return null;
        }

        /// <summary>A branch as one pure expression: its assignments to locals substituted into its value; null when it does more.</summary>
        private Expression? Branch(Expression branch, HashSet<ParameterExpression> assigned)
        {
            var values = new Dictionary<ParameterExpression, Expression>();
            var (statements, value) = branch is BlockExpression b ? (b.Expressions.SkipLast(1), b.Result) : ([], branch);
            var inner = branch is BlockExpression { Variables: var declared } ? declared.ToHashSet() : [];
            foreach (var s in statements)
            {
                // Only assignments of the body's locals or the branch's own: an accumulator update is not a value.
                if (s is not BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression v, Right: var right } || !IsPure(right)
                    || !locals.Contains(v) && !inner.Contains(v)) return null;
                values[v] = new Diagnostics.Substitution(values).Visit(right);
                if (locals.Contains(v)) assigned.Add(v);
            }
            if (!IsPure(value)) return null;
            var result = new Diagnostics.Substitution(values).Visit(value);
            return Size(result) > MaximumOperandSize || StatementAccess.Of(result, locals).Reads.Overlaps(values.Keys.Where(locals.Contains)) || Reads(result, inner) ? null : result;
        }

        /// <summary>The exp-like functions and signs of <paramref name="e"/>, innermost first, as map statements before the selection.</summary>
        private Expression Hoist(Expression e) => new MapHoister(mapped, hoisted, newLocals).Visit(e);

        private static bool Reads(Expression e, HashSet<ParameterExpression> variables) => variables.Count > 0 && Diagnostics.ExpressionChildren.Mentions(e, variables.Contains);

        private static int Size(Expression e)
        {
            var (count, pending) = (0, new Stack<Expression>([e]));
            while (pending.TryPop(out var x) && count <= MaximumOperandSize)
            {
                count++;
                switch (x)
                {
                    case UnaryExpression u: pending.Push(u.Operand); break;
                    case BinaryExpression b: pending.Push(b.Left); pending.Push(b.Right); break;
                    case ConditionalExpression c: pending.Push(c.Test); pending.Push(c.IfTrue); pending.Push(c.IfFalse); break;
                    case MethodCallExpression m: foreach (var a in m.Arguments) pending.Push(a); break;
                }
            }
            return count;
        }
    }

    /// <summary>Hoists mapped calls (post-order, so an inner map is hoisted before the one that reads it).</summary>
    private sealed class MapHoister(IReadOnlyDictionary<MethodInfo, Runtime.RowOperation> mapped, List<Expression> hoisted, List<ParameterExpression> newLocals) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var visited = (MethodCallExpression)base.VisitMethodCall(node);
            if (!mapped.ContainsKey(visited.Method)) return visited;
            var target = Expression.Variable(typeof(double), "map" + (newLocals.Count + 1));
            newLocals.Add(target);
            hoisted.Add(Expression.Assign(target, visited));
            return target;
        }
    }
}
