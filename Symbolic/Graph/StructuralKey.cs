using System.Linq.Expressions;

namespace Symbolic.Graph;

/// <summary>
/// Structural identity of an expression: two reads of the same captured variable (two different
/// <see cref="MemberExpression"/> objects over the same closure) are equal, so they intern to one node,
/// and two lambdas written alike are equal, so the delegate cache finds the compiled one. Closure
/// objects and other non-primitive constants compare by reference: two closures that print alike are
/// still different data. Shapes it does not know keep the expression's own identity (never equal to
/// another tree: safe, merely uncached).
/// </summary>
internal sealed class StructuralKey : IEquatable<StructuralKey>
{
    private readonly object?[] _tokens;
    private readonly int _hash;

    private StructuralKey(object?[] tokens)
    {
        _tokens = tokens;
        var hash = new HashCode();
        foreach (var token in tokens) hash.Add(token is null || IsValueToken(token) ? token : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(token));
        _hash = hash.ToHashCode();
    }

    /// <summary>Flattens the expression in pre-order.</summary>
    /// <param name="expression">The expression.</param>
    /// <param name="parametersByPosition">
    /// Identify parameters by order of first appearance rather than by object, so that
    /// <c>x =&gt; x * x</c> written twice gives equal keys.
    /// </param>
    public static StructuralKey For(Expression expression, bool parametersByPosition = false)
    {
        var tokens = new List<object?>();
        var positions = new Dictionary<ParameterExpression, int>();
        var pending = new Stack<Expression?>();
        pending.Push(expression);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            if (e is null) { tokens.Add(null); continue; }
            tokens.Add(e.NodeType);
            tokens.Add(e.Type);
            switch (e)
            {
                // Doubles by bits: 0.0.Equals(-0.0) is true, but x + 0.0 and x + -0.0 differ at x = -0.
                case ConstantExpression { Value: double d }: tokens.Add(BitConverter.DoubleToInt64Bits(d)); break;
                case ConstantExpression c: tokens.Add(c.Value); break;
                case ParameterExpression p when parametersByPosition:
                    if (!positions.TryGetValue(p, out var position)) positions[p] = position = positions.Count;
                    tokens.Add(position);
                    break;
                case ParameterExpression p: tokens.Add(p); break;
                case MemberExpression m: tokens.Add(m.Member); pending.Push(m.Expression); break;
                case UnaryExpression u: tokens.Add(u.Method); pending.Push(u.Operand); break;
                case BinaryExpression b: tokens.Add(b.Method); pending.Push(b.Right); pending.Push(b.Left); break;
                case MethodCallExpression call:
                    tokens.Add(call.Method);
                    tokens.Add(call.Arguments.Count);
                    for (var i = call.Arguments.Count - 1; i >= 0; i--) pending.Push(call.Arguments[i]);
                    pending.Push(call.Object);
                    break;
                case ConditionalExpression c: pending.Push(c.IfFalse); pending.Push(c.IfTrue); pending.Push(c.Test); break;
                case LambdaExpression l: PushAll(tokens, pending, [.. l.Parameters, l.Body]); break;
                case NewArrayExpression n: PushAll(tokens, pending, n.Expressions); break;
                case BlockExpression b: PushAll(tokens, pending, [.. b.Variables, .. b.Expressions]); break;
                case IndexExpression { Indexer: null } i: PushAll(tokens, pending, [i.Object!, .. i.Arguments]); break;
                default: tokens.Add(e); break;
            }
        }
        return new StructuralKey([.. tokens]);
    }

    private static void PushAll(List<object?> tokens, Stack<Expression?> pending, IReadOnlyList<Expression> children)
    {
        tokens.Add(children.Count);
        for (var i = children.Count - 1; i >= 0; i--) pending.Push(children[i]);
    }

    private static bool IsValueToken(object token) =>
        token is ValueType or string or Type or System.Reflection.MemberInfo;

    public bool Equals(StructuralKey? other)
    {
        if (other is null || other._hash != _hash || other._tokens.Length != _tokens.Length) return false;
        for (var i = 0; i < _tokens.Length; i++)
        {
            var (a, b) = (_tokens[i], other._tokens[i]);
            var same = a is not null && IsValueToken(a) ? a.Equals(b) : ReferenceEquals(a, b);
            if (!same) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as StructuralKey);
    public override int GetHashCode() => _hash;
}
