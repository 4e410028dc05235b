using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Graph;

namespace Symbolic.Lowering;

/// <summary>
/// Which variables a sub-tree Symbolic does not look into reads: the double parameters, the differentiated
/// arrays, and the block variables lowering has bound. Decides whether the sub-tree can be an opaque leaf.
/// </summary>
/// <param name="arrays">The differentiated arrays (w in <c>Grad&lt;T1&gt;</c>).</param>
/// <param name="locals">Block variables lowering has bound to nodes (read as they grow).</param>
/// <param name="element">The model's element type: scalar parameters of that type are variables.</param>
internal sealed class VariableReferences(IReadOnlySet<ParameterExpression> arrays, IReadOnlyDictionary<ParameterExpression, Node> locals, Type element)
{
    /// <summary>The first double lambda parameter (or differentiated array) and the first block variable the sub-tree reads, if any.</summary>
    /// <param name="root">The sub-tree.</param>
    /// <param name="declaredOutside">Parameters of lambdas around the sub-tree inside the expression being read (not variables).</param>
    public SubtreeReferences Of(Expression root, IEnumerable<ParameterExpression>? declaredOutside = null)
    {
        ParameterExpression? variable = null, local = null;
        // Parameters of nested lambdas (v in data.Sum(v => v * v)) and block variables are not the function's variables.
        var declaredInside = new HashSet<ParameterExpression>(declaredOutside ?? []);
        var pending = new Stack<Expression>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (IsLengthOfDifferentiatedArray(e)) continue;   // an integer, derivative zero
            if (e is LambdaExpression nested) declaredInside.UnionWith(nested.Parameters);
            if (e is BlockExpression block) declaredInside.UnionWith(block.Variables);
            if (e is ParameterExpression p && !declaredInside.Contains(p))
            {
                if (locals.ContainsKey(p)) local ??= p;
                else if (p.Type == element || arrays.Contains(p)) variable ??= p;
            }
            foreach (var child in ExpressionChildren.Of(e)) pending.Push(child);
        }
        return new SubtreeReferences(variable, local);
    }

    /// <summary>
    /// The first call in the sub-tree that returns neither a double nor a bool, is not known to be piecewise
    /// constant, and is given a variable (<c>x.ToString()</c>, <c>Math.ILogB(x)</c>): what it computes from the
    /// variable is unknown, so a number made of it (<c>x.ToString().Length</c>) has no derivative Symbolic can
    /// vouch for — not even zero.
    /// </summary>
    public MethodCallExpression? CallWithUnknownDerivative(Expression root)
    {
        var pending = new Stack<Expression>();
        var lambdaParameters = new HashSet<ParameterExpression>();
        pending.Push(root);
        while (pending.TryPop(out var e))
        {
            if (e is LambdaExpression nested) lambdaParameters.UnionWith(nested.Parameters);
            if (e is BlockExpression block) lambdaParameters.UnionWith(block.Variables);
            if (e is MethodCallExpression call && !IsNumberOrTest(call.Type) && !IsPiecewiseConstant(call) && Of(call, lambdaParameters).Variable is not null) return call;
            foreach (var child in ExpressionChildren.Of(e)) pending.Push(child);
        }
        return null;
    }

    private bool IsNumberOrTest(Type type) => type == element || type == typeof(bool);

    private static bool IsFloatingPoint(Type? type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(Half);

    // Math.Sign and Convert.ToInt32 (rounding) are step functions; LINQ's integer results over data (Count(d => d > x))
    // count the kept terms; a method of integers only (Math.Max(0, (int)x)) is a function of step functions.
    private static bool IsPiecewiseConstant(MethodCallExpression call) =>
        (!IsFloatingPoint(call.Object?.Type) && call.Arguments.All(a => !IsFloatingPoint(a.Type))) || IsKnownStepFunction(call);

    private static bool IsKnownStepFunction(MethodCallExpression call) => call.Method.DeclaringType switch
    {
        var t when t == typeof(Math) => call.Method.Name == nameof(Math.Sign),
        var t when t == typeof(Convert) => ExpressionShapes.IsInteger(call.Type),
        var t when t == typeof(Enumerable) => true,
        _ => false,
    };

    /// <summary>
    /// <c>w.Length</c> (also <c>w.LongLength</c>, <c>w.Count()</c>, <c>w.GetLength(0)</c>) of a differentiated array: not
    /// a value of w's elements, so a data index or a loop bound computed from it is an ordinary integer.
    /// </summary>
    private bool IsLengthOfDifferentiatedArray(Expression e) => e switch
    {
        UnaryExpression { NodeType: ExpressionType.ArrayLength, Operand: ParameterExpression array } => arrays.Contains(array),
        MemberExpression { Member.Name: nameof(Array.LongLength), Expression: ParameterExpression array } => arrays.Contains(array),
        MethodCallExpression { Method.Name: nameof(Array.GetLength) or nameof(Array.GetLongLength), Object: ParameterExpression array } => arrays.Contains(array),
        MethodCallExpression { Method.Name: nameof(Enumerable.Count) or nameof(Enumerable.LongCount), Object: null, Arguments: [ParameterExpression array] } call
            => call.Method.DeclaringType == typeof(Enumerable) && arrays.Contains(array),
        _ => false,
    };

    /// <summary>What a sub-tree reads: a variable (double parameter or differentiated array) and a bound block variable.</summary>
    public readonly record struct SubtreeReferences(ParameterExpression? Variable, ParameterExpression? Local)
    {
        /// <summary>Whether it reads either.</summary>
        public bool Any => Variable is not null || Local is not null;
    }
}
