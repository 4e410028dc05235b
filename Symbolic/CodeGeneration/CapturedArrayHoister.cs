using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A captured array read through the closure (<c>value(Closure).data[3]</c>) is re-read from the
/// closure's field at every use. This rewrites opaque leaves so that each captured array is read once
/// per call into a local at the top of the method. Same semantics: within one call the closure
/// cannot change.
/// </summary>
internal sealed class CapturedArrayHoister : ExpressionVisitor
{
    private readonly Dictionary<StructuralKey, ParameterExpression> _locals = [];
    private readonly List<Expression> _assignments = [];

    /// <summary>The locals holding hoisted arrays, and their assignments, to put first in the block.</summary>
    public IReadOnlyList<ParameterExpression> Locals => [.. _locals.Values];

    public IReadOnlyList<Expression> Assignments => _assignments;

    /// <summary>The opaque expression with captured arrays replaced by their locals.</summary>
    public Expression Hoist(Expression opaque) => IsClosureRead(opaque) ? opaque : Visit(opaque);

    protected override Expression VisitMember(MemberExpression node)
    {
        if (!node.Type.IsArray || !IsClosureRead(node)) return base.VisitMember(node);
        var key = StructuralKey.For(node);
        if (!_locals.TryGetValue(key, out var local))
        {
            local = Expression.Variable(node.Type, node.Member.Name);
            _locals[key] = local;
            _assignments.Add(Expression.Assign(local, node));
        }
        return local;
    }

    /// <summary>Members of constants, and members of those: captured variables, static fields, fields of captured objects.</summary>
    public static bool IsClosureRead(Expression e)
    {
        while (e is MemberExpression member)
        {
            if (member.Expression is null) return true;
            e = member.Expression;
        }
        return e is ConstantExpression;
    }
}
