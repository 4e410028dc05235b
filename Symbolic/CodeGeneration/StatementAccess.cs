using System.Linq.Expressions;

namespace Symbolic.CodeGeneration;

/// <summary>
/// What one statement of a loop body reads and writes, for reordering statements across rows
/// (<see cref="BlockedLoop"/>): the body's own locals it reads and assigns, and whether it reads or writes
/// memory — an array element, a variable declared outside the body (an accumulator), a call other than a
/// <see cref="Math"/> or <see cref="SymbolicMath"/> function, a throw. Memory counts as the one variable <see cref="Memory"/>, so statements
/// that touch it keep their order.
/// </summary>
internal sealed class StatementAccess : ExpressionVisitor
{
    /// <summary>The stand-in for memory in <see cref="Reads"/> and <see cref="Writes"/>.</summary>
    public static readonly ParameterExpression Memory = Expression.Variable(typeof(object), "memory");

    private readonly IReadOnlySet<ParameterExpression> _locals;
    // Variables declared inside the statement (its blocks), which nothing outside it sees.
    private readonly HashSet<ParameterExpression> _inner = [];

    private StatementAccess(IReadOnlySet<ParameterExpression> locals) => _locals = locals;

    /// <summary>The body's locals (and <see cref="Memory"/>) the statement reads.</summary>
    public HashSet<ParameterExpression> Reads { get; } = [];

    /// <summary>The body's locals (and <see cref="Memory"/>) the statement assigns.</summary>
    public HashSet<ParameterExpression> Writes { get; } = [];

    /// <summary>The accesses of <paramref name="statement"/>, where <paramref name="locals"/> are the body's own variables.</summary>
    public static StatementAccess Of(Expression statement, IReadOnlySet<ParameterExpression> locals)
    {
        var access = new StatementAccess(locals);
        access.Visit(statement);
        return access;
    }

    private void WriteMemory()
    {
        Reads.Add(Memory);
        Writes.Add(Memory);
    }

    private void Assigned(Expression target, bool reads)
    {
        if (target is ParameterExpression p)
        {
            if (_inner.Contains(p)) return;
            if (_locals.Contains(p))
            {
                Writes.Add(p);
                if (reads) Reads.Add(p);
            }
            else WriteMemory();
            return;
        }
        WriteMemory();
        // The array and the indices of an element written are read.
        switch (target)
        {
            case IndexExpression index:
                Visit(index.Object);
                Visit(index.Arguments);
                break;
            case MemberExpression member:
                Visit(member.Expression);
                break;
            default:
                Visit(target);
                break;
        }
    }

    /// <inheritdoc/>
    protected override Expression VisitBlock(BlockExpression node)
    {
        _inner.UnionWith(node.Variables);
        return base.VisitBlock(node);
    }

    /// <inheritdoc/>
    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.NodeType is ExpressionType.ArrayIndex) Reads.Add(Memory);
        if (!IsAssignment(node.NodeType)) return base.VisitBinary(node);
        Assigned(node.Left, reads: node.NodeType != ExpressionType.Assign);
        Visit(node.Right);
        return node;
    }

    /// <inheritdoc/>
    protected override Expression VisitUnary(UnaryExpression node)
    {
        if (node.NodeType is ExpressionType.PreIncrementAssign or ExpressionType.PreDecrementAssign or ExpressionType.PostIncrementAssign or ExpressionType.PostDecrementAssign)
        {
            Assigned(node.Operand, reads: true);
            return node;
        }
        if (node.NodeType == ExpressionType.Throw) WriteMemory();
        return base.VisitUnary(node);
    }

    /// <inheritdoc/>
    protected override Expression VisitIndex(IndexExpression node)
    {
        Reads.Add(Memory);
        return base.VisitIndex(node);
    }

    /// <inheritdoc/>
    protected override Expression VisitMember(MemberExpression node)
    {
        // A field or property of an object may change; a tuple local's item is the local.
        if (node.Expression is not ParameterExpression) Reads.Add(Memory);
        return base.VisitMember(node);
    }

    /// <inheritdoc/>
    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType == typeof(Math) || node.Method.DeclaringType == typeof(SymbolicMath)) { }
        else if (node.Method.DeclaringType?.IsArray == true && node.Method.Name == "Get") Reads.Add(Memory);
        else WriteMemory();
        return base.VisitMethodCall(node);
    }

    /// <inheritdoc/>
    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (_locals.Contains(node) && !_inner.Contains(node)) Reads.Add(node);
        return node;
    }

    /// <inheritdoc/>
    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        WriteMemory();
        return node;
    }

    private static bool IsAssignment(ExpressionType type) => type is ExpressionType.Assign or ExpressionType.AddAssign or ExpressionType.SubtractAssign
        or ExpressionType.MultiplyAssign or ExpressionType.DivideAssign or ExpressionType.ModuloAssign or ExpressionType.PowerAssign
        or ExpressionType.AndAssign or ExpressionType.OrAssign or ExpressionType.ExclusiveOrAssign or ExpressionType.LeftShiftAssign
        or ExpressionType.RightShiftAssign or ExpressionType.AddAssignChecked or ExpressionType.SubtractAssignChecked or ExpressionType.MultiplyAssignChecked;
}
