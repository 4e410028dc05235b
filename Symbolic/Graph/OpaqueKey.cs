using System.Linq.Expressions;

namespace Symbolic.Graph;

/// <summary>
/// Structural identity of an opaque sub-expression, so that two reads of the same captured variable
/// (two different <see cref="MemberExpression"/> objects over the same closure) intern to one node.
/// Closure objects and other non-primitive constants compare by reference: two closures that print
/// alike are still different data.
/// </summary>
internal sealed class OpaqueKey : IEquatable<OpaqueKey>
{
    private readonly object?[] _tokens;
    private readonly int _hash;

    private OpaqueKey(object?[] tokens)
    {
        _tokens = tokens;
        var hash = new HashCode();
        foreach (var token in tokens) hash.Add(token is null || IsValueToken(token) ? token : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(token));
        _hash = hash.ToHashCode();
    }

    /// <summary>Flattens the expression in pre-order; shapes it does not know keep the expression's own identity.</summary>
    public static OpaqueKey For(Expression expression)
    {
        var tokens = new List<object?>();
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
                case ConstantExpression c: tokens.Add(c.Value); break;
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
                default: tokens.Add(e); break;
            }
        }
        return new OpaqueKey([.. tokens]);
    }

    private static bool IsValueToken(object token) =>
        token is ValueType or string or Type or System.Reflection.MemberInfo;

    public bool Equals(OpaqueKey? other)
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

    public override bool Equals(object? obj) => Equals(obj as OpaqueKey);
    public override int GetHashCode() => _hash;
}
