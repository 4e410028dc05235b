using System.Linq.Expressions;
using System.Reflection;

namespace Symbolic.Lowering;

/// <summary>
/// The frontend's constant-member hook: reads that a <see cref="ConstantMembers"/> matches (<c>W1.Offset</c>,
/// <c>W1.Columns</c> ... of a captured parameter block) replaced by their values when the model is read, so the
/// index analyses see constant offsets and strides: a layer written through a layout gets the same code as one
/// with literal offsets (its gradient block is overwritten by the product rather than cleared and added into).
/// </summary>
/// <remarks>
/// The owner is an immutable value; one held in a static field or captured from a local is read once, here. A field
/// or captured local reassigned after compilation is not seen by the delegate already compiled (the value's
/// properties belong to the model's shape); compiling again sees it, since the delegate cache keys on the folded tree.
/// </remarks>
internal sealed class ConstantMemberFolding : ExpressionVisitor
{
    private readonly IReadOnlyList<ConstantMembers> _members;

    private ConstantMemberFolding(IReadOnlyList<ConstantMembers> members) => _members = members;

    /// <summary>The lambda with its body folded (the same object when there is nothing to fold).</summary>
    /// <param name="f">The model.</param>
    /// <param name="members">The member reads to fold.</param>
    public static LambdaExpression Fold(LambdaExpression f, IReadOnlyList<ConstantMembers> members)
    {
        var body = Fold(f.Body, members);
        return body == f.Body ? f : Expression.Lambda(f.Type, body, f.Name, f.TailCall, f.Parameters);
    }

    /// <summary>The expression with every foldable member read as a constant (unchanged when there is none).</summary>
    /// <param name="body">A model's body.</param>
    /// <param name="members">The member reads to fold.</param>
    public static Expression Fold(Expression body, IReadOnlyList<ConstantMembers> members)
    {
        if (members.Count == 0 || !Mentions(body, members)) return body;
        try { return new ConstantMemberFolding(members).Visit(body); }
        catch (InsufficientExecutionStackException)
        {
            throw Diagnostics.Errors.NotDifferentiable(body, "it is too deeply nested to read its constant members");
        }
    }

    /// <inheritdoc/>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(node))]
    public override Expression? Visit(Expression? node)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return base.Visit(node);
    }

    /// <inheritdoc/>
    protected override Expression VisitMember(MemberExpression node) =>
        Matches(node, _members) && TryEvaluate(node.Expression, out var owner) && owner is not null
            ? Expression.Constant(((PropertyInfo)node.Member).GetValue(owner), node.Type)
            : base.VisitMember(node);

    private static bool Matches(MemberExpression node, IReadOnlyList<ConstantMembers> members)
    {
        foreach (var candidate in members)
            if (candidate.Matches(node)) return true;
        return false;
    }

    /// <summary>The value of a chain of field and property reads ending in a constant (a closure) or a static member.</summary>
    private static bool TryEvaluate(Expression? e, out object? value)
    {
        var chain = new Stack<MemberInfo>();
        while (e is MemberExpression member)
        {
            chain.Push(member.Member);
            e = member.Expression;
        }
        value = null;
        if (e is ConstantExpression constant) value = constant.Value;
        else if (e is not null) return false;
        while (chain.TryPop(out var next))
        {
            if (value is null && !IsStatic(next)) return false;
            if (next is FieldInfo field) value = field.GetValue(value);
            else if (next is PropertyInfo { GetMethod: { } getter } && getter.GetParameters().Length == 0) value = getter.Invoke(getter.IsStatic ? null : value, null);
            else return false;
        }
        return true;
    }

    private static bool IsStatic(MemberInfo member) => member switch
    {
        FieldInfo field => field.IsStatic,
        PropertyInfo property => property.GetMethod?.IsStatic == true,
        _ => false,
    };

    private static bool Mentions(Expression body, IReadOnlyList<ConstantMembers> members)
    {
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is MemberExpression member && Matches(member, members)) return true;
            foreach (var child in Diagnostics.ExpressionChildren.Of(e)) pending.Push(child);
        }
        return false;
    }
}
