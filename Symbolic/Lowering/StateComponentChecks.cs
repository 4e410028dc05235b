using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Runtime;

namespace Symbolic.Lowering;

/// <summary>
/// Reads of a fold's state at a component (<c>h[k]</c> inside the step or the result selector): the states are stored
/// row after row in one buffer, so an index outside 0 … W − 1 would silently read a neighbouring state where LINQ's
/// <c>Aggregate</c> throws. An index proved in range (a constant below W, the step's component index, an index of a
/// sum over at most W elements, <c>(j + 1) % W</c> …) is read as it is; any other is read through
/// <see cref="LinqRuntime.StateComponent"/>, which throws <see cref="IndexOutOfRangeException"/> quoting the read.
/// The check sits in the read's index, so a read under a condition (<c>j &lt; 3 ? h[j + 1] : 0</c>) is checked only
/// where the condition lets it run, as LINQ would.
/// </summary>
internal sealed partial class ExpressionLowerer
{
    // The component index of each vector fold's step, and the name the model gives it (j in Range(0, H).Select(j => …)).
    private readonly Dictionary<ParameterExpression, string> _componentNames = [];

    /// <summary>The index <paramref name="index"/> of the state read <paramref name="read"/>, checked where not proved in 0 … width − 1.</summary>
    private Expression CheckedComponent(Expression read, Expression index, Expression width)
    {
        if (_provedReads.Contains(read)) return index;
        if (width is ConstantExpression { Value: int w } ? Bounds(index) is var (low, high) && low >= 0 && high < w : InRunTimeRange(index, width)) return index;
        var quoted = _componentNames.Aggregate(read, (e, named) => Substitution.Replace(e, named.Key, Expression.Parameter(typeof(int), named.Value)));
        var text = quoted is BinaryExpression { NodeType: ExpressionType.ArrayIndex } at
            ? $"{ExpressionQuoter.Quote(at.Left)}[{Unparenthesized(ExpressionQuoter.Quote(at.Right))}]" : ExpressionQuoter.Quote(quoted);
        return Expression.Call(typeof(LinqRuntime).GetMethod(nameof(LinqRuntime.StateComponent))!, index, width, Expression.Constant(text));
    }

    /// <summary><c>j + 1</c> for <c>(j + 1)</c>: an index is quoted as the model writes it.</summary>
    private static string Unparenthesized(string text)
    {
        if (text.Length < 2 || text[0] != '(' || text[^1] != ')') return text;
        var depth = 0;
        for (var i = 0; i < text.Length - 1; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0) return text;
        }
        return text[1..^1];
    }

    /// <summary>The name of the component index of <c>Range(0, H).Select(j =&gt; …)</c>, or null.</summary>
    private static string? ComponentName(Expression source) =>
        source is MethodCallExpression { Method.Name: nameof(Enumerable.Select), Arguments: [_, var selector] }
            && (selector is UnaryExpression { NodeType: ExpressionType.Quote } q ? q.Operand : selector) is LambdaExpression { Parameters: [var j, ..] }
            ? j.Name : null;

    // Reads of a state proved in range by the conditions they sit under (j < 3 ? h[j + 1] : 0), and those conditions' bounds while proving.
    private readonly HashSet<Expression> _provedReads = [];
    private readonly Dictionary<ParameterExpression, (long Low, long High)> _narrowed = [];

    /// <summary>Notes the reads of <paramref name="state"/> in <paramref name="step"/> that the conditions above them keep in range.</summary>
    private void ProveGuardedReads(Expression step, ParameterExpression state, Expression width)
    {
        if (width is ConstantExpression { Value: int w }) new GuardedReads(this, state, w).Visit(step);
    }

    /// <summary>The bounds of an index inside the true (or false) branch of <paramref name="test"/>: <c>j &lt; 3</c>, <c>j &gt;= 1</c>, <c>a &amp;&amp; b</c>.</summary>
    private Dictionary<ParameterExpression, (long Low, long High)> Narrowed(Expression test, bool holds)
    {
        var narrowed = new Dictionary<ParameterExpression, (long Low, long High)>(_narrowed);
        if (test is BinaryExpression { NodeType: ExpressionType.AndAlso } both && holds)
        {
            foreach (var (p, b) in Narrowed(both.Left, true)) narrowed[p] = b;
            var left = _narrowed.ToDictionary();
            foreach (var (p, b) in Narrowed(both.Left, true)) _narrowed[p] = b;
            try { foreach (var (p, b) in Narrowed(both.Right, true)) narrowed[p] = b; }
            finally { _narrowed.Clear(); foreach (var (p, b) in left) _narrowed[p] = b; }
            return narrowed;
        }
        if (test is not BinaryExpression { Left: var l, Right: var r } compare) return narrowed;
        var (kind, index, bound) = (compare.NodeType, l, r) switch
        {
            (_, ParameterExpression p, ConstantExpression { Value: int c }) => (compare.NodeType, p, (long)c),
            (ExpressionType.LessThan, ConstantExpression { Value: int c }, ParameterExpression p) => (ExpressionType.GreaterThan, p, c),
            (ExpressionType.LessThanOrEqual, ConstantExpression { Value: int c }, ParameterExpression p) => (ExpressionType.GreaterThanOrEqual, p, c),
            (ExpressionType.GreaterThan, ConstantExpression { Value: int c }, ParameterExpression p) => (ExpressionType.LessThan, p, c),
            (ExpressionType.GreaterThanOrEqual, ConstantExpression { Value: int c }, ParameterExpression p) => (ExpressionType.LessThanOrEqual, p, c),
            _ => (ExpressionType.Extension, null, 0L),
        };
        if (index is null || Bounds(index) is not var (low, high)) return narrowed;
        // The false branch of j < c is j >= c, and so on.
        if (!holds) kind = kind switch
        {
            ExpressionType.LessThan => ExpressionType.GreaterThanOrEqual,
            ExpressionType.LessThanOrEqual => ExpressionType.GreaterThan,
            ExpressionType.GreaterThan => ExpressionType.LessThanOrEqual,
            ExpressionType.GreaterThanOrEqual => ExpressionType.LessThan,
            _ => ExpressionType.Extension,
        };
        narrowed[index] = kind switch
        {
            ExpressionType.LessThan => (low, Math.Min(high, bound - 1)),
            ExpressionType.LessThanOrEqual => (low, Math.Min(high, bound)),
            ExpressionType.GreaterThan => (Math.Max(low, bound + 1), high),
            ExpressionType.GreaterThanOrEqual => (Math.Max(low, bound), high),
            ExpressionType.Equal when holds => (bound, bound),
            _ => (low, high),
        };
        return narrowed;
    }

    private sealed class GuardedReads(ExpressionLowerer lowerer, ParameterExpression state, int width) : ExpressionVisitor
    {
        private readonly HashSet<Expression> _unproved = [];

        protected override Expression VisitConditional(ConditionalExpression node)
        {
            Visit(node.Test);
            Under(lowerer.Narrowed(node.Test, true), node.IfTrue);
            Under(lowerer.Narrowed(node.Test, false), node.IfFalse);
            return node;
        }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            // A node the tree shares between a guarded and an unguarded place is proved nowhere.
            if (node.NodeType == ExpressionType.ArrayIndex && node.Left == state)
            {
                if (lowerer.Bounds(node.Right) is var (low, high) && low >= 0 && high < width && !_unproved.Contains(node)) lowerer._provedReads.Add(node);
                else if (_unproved.Add(node)) lowerer._provedReads.Remove(node);
            }
            return base.VisitBinary(node);
        }

        private void Under(Dictionary<ParameterExpression, (long Low, long High)> bounds, Expression branch)
        {
            var outer = lowerer._narrowed.ToDictionary();
            lowerer._narrowed.Clear();
            foreach (var (p, b) in bounds) lowerer._narrowed[p] = b;
            try { Visit(branch); }
            finally
            {
                lowerer._narrowed.Clear();
                foreach (var (p, b) in outer) lowerer._narrowed[p] = b;
            }
        }
    }

    /// <summary>The least and greatest values of an int expression over the loops it reads, where they are known.</summary>
    private (long Low, long High)? Bounds(Expression e)
    {
        switch (e)
        {
            case ConstantExpression { Value: int k }:
                return (k, k);
            case ParameterExpression p when _narrowed.TryGetValue(p, out var narrowed):
                return narrowed.Low <= narrowed.High ? narrowed : null;
            case ParameterExpression p when _graph.IsIndex(p) && LinqRuntime.Dimension(_graph.CountOf(p)) is ConstantExpression { Value: int n } && n > 0:
                return (0, n - 1);
            case BinaryExpression b:
                return Bounds(b.Left) is { } left && Bounds(b.Right) is { } right ? IndexBounds.Of(b.NodeType, left, right)
                    // A loop index is never negative, so its remainder is below the divisor whatever its (run-time) count.
                    : b is { NodeType: ExpressionType.Modulo, Left: ParameterExpression index, Right: ConstantExpression { Value: int d } } && d > 0 && _graph.IsIndex(index) ? (0, d - 1) : null;
            default:
                return null;
        }
    }
}
