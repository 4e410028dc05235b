using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Optimization;

namespace Symbolic.Lowering;

/// <summary>
/// Reads of a captured <see cref="ParameterBlock"/>'s dimensions (<c>W1.Offset</c>, <c>W1.Columns</c> ...) replaced
/// by their values when the model is compiled, so the index analyses see constant offsets and strides: a layer
/// written through a layout gets the same code as one with literal offsets (its gradient block is overwritten by
/// the product rather than cleared and added into).
/// </summary>
/// <remarks>
/// A block is an immutable value; one held in a static field or captured from a local is read once, here. A field
/// or captured local reassigned after compilation is not seen by the delegate already compiled (the block's
/// dimensions belong to the model's shape); compiling again sees it, since the delegate cache keys on the folded
/// values.
/// </remarks>
internal sealed class ParameterBlockFolding : ExpressionVisitor
{
    private static readonly HashSet<string> Dimensions =
        [nameof(ParameterBlock.Offset), nameof(ParameterBlock.Rows), nameof(ParameterBlock.Columns), nameof(ParameterBlock.Length)];

    /// <summary>The lambda with its body folded (the same object when there is nothing to fold).</summary>
    public static LambdaExpression Fold(LambdaExpression f)
    {
        var body = Fold(f.Body);
        return body == f.Body ? f : Expression.Lambda(f.Type, body, f.Name, f.TailCall, f.Parameters);
    }

    /// <summary>The expression with every foldable block dimension read as a constant (unchanged when there is none).</summary>
    public static Expression Fold(Expression body)
    {
        if (!MentionsBlock(body)) return body;
        try { return new ParameterBlockFolding().Visit(body); }
        catch (InsufficientExecutionStackException)
        {
            throw Diagnostics.Errors.NotDifferentiable(body, "it is too deeply nested to read its parameter blocks");
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
        IsDimension(node) && TryEvaluate(node.Expression, out var block) && block is ParameterBlock value
            ? Expression.Constant(((PropertyInfo)node.Member).GetValue(value), node.Type)
            : base.VisitMember(node);

    private static bool IsDimension(MemberExpression node) =>
        node.Expression?.Type == typeof(ParameterBlock) && node.Member is PropertyInfo && Dimensions.Contains(node.Member.Name);

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

    private static bool MentionsBlock(Expression body)
    {
        var pending = new Stack<Expression>([body]);
        while (pending.TryPop(out var e))
        {
            if (e is MemberExpression member && IsDimension(member)) return true;
            foreach (var child in Diagnostics.ExpressionChildren.Of(e)) pending.Push(child);
        }
        return false;
    }
}
