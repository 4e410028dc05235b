using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Loop-invariant rows of jagged arrays: a read <c>data[i][t]</c> (an array, two levels deep) in a loop's body that the loop
/// index does not reach, whose indices and arrays the body does not assign, read on every iteration (outside
/// conditionals and inner loops), is read once into a local before the loop (when the loop runs), and the body
/// reads <c>row[k]</c>: one load and bounds check per element instead of three. The JIT does not hoist it itself
/// (the body's stores to other arrays may alias, for all it knows).
/// </summary>
internal static class LoopRowHoist
{
    /// <summary>The body with its invariant rows replaced by locals, and the locals with the rows they hold.</summary>
    public static (Expression Body, List<(ParameterExpression Local, Expression Row)> Rows) Apply(ParameterExpression index, Expression body)
    {
        var assigned = new Assigned();
        assigned.Visit(body);
        if (assigned.WritesRows) return (body, []);
        assigned.Names.Add(index);
        var rewriter = new Rewriter(assigned.Names, index.Name);
        return (rewriter.Visit(body)!, rewriter.Rows);
    }

    /// <summary>A pure read of an array row: array indexing of parameters and int arithmetic on parameters and constants.</summary>
    private static bool IsPure(Expression e, HashSet<ParameterExpression> assigned) => e switch
    {
        ParameterExpression p => !assigned.Contains(p),
        ConstantExpression => true,
        BinaryExpression { NodeType: ExpressionType.ArrayIndex or ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Multiply } b =>
            IsPure(b.Left, assigned) && IsPure(b.Right, assigned),
        // A batched fold's sequence s / H: by a constant that is not zero, so it cannot throw.
        BinaryExpression { NodeType: ExpressionType.Divide or ExpressionType.Modulo, Right: ConstantExpression { Value: int d } } b when d > 0 => IsPure(b.Left, assigned),
        IndexExpression { Indexer: null, Object: { } o } ix when o.Type.IsArray && ix.Arguments.Count == 1 => IsPure(o, assigned) && IsPure(ix.Arguments[0], assigned),
        _ => false,
    };

    // Rows two levels deep (data[i][t] of a double[][][]) only: a row of a double[][] (X[i]) is one load, and the
    // row-block recognisers and the ragged-row checks read it as written.
    private static bool IsRead(Expression e) => e is BinaryExpression { NodeType: ExpressionType.ArrayIndex } or IndexExpression { Indexer: null };

    private static Expression? RowOf(Expression e) => e switch
    {
        BinaryExpression { NodeType: ExpressionType.ArrayIndex } b when b.Type.IsArray && IsRead(b.Left) => b,
        IndexExpression { Indexer: null, Object: { } o } ix when o.Type.IsArray && ix.Type.IsArray && IsRead(o) => ix,
        _ => null,
    };

    private sealed class Rewriter(HashSet<ParameterExpression> assigned, string? name) : ExpressionVisitor
    {
        private readonly Dictionary<StructuralKey, ParameterExpression> _locals = [];
        public List<(ParameterExpression Local, Expression Row)> Rows { get; } = [];

        public override Expression? Visit(Expression? node)
        {
            if (node is not null && RowOf(node) is { } row && IsPure(row, assigned))
            {
                var key = StructuralKey.For(row);
                if (!_locals.TryGetValue(key, out var local))
                {
                    _locals[key] = local = Expression.Variable(row.Type, name + "Row" + (_locals.Count == 0 ? "" : _locals.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    Rows.Add((local, row));
                }
                return local;
            }
            return base.Visit(node);
        }

        // Only reads made on every iteration: not under a branch, an inner loop, a try, a switch or a short-circuit.
        protected override Expression VisitConditional(ConditionalExpression node) => node.Update(Visit(node.Test)!, node.IfTrue, node.IfFalse);
        protected override Expression VisitLoop(LoopExpression node) => node;
        protected override Expression VisitTry(TryExpression node) => node;
        protected override Expression VisitSwitch(SwitchExpression node) => node;
        protected override Expression VisitLambda<T>(Expression<T> node) => node;
        protected override Expression VisitGoto(GotoExpression node) => node;

        protected override Expression VisitBinary(BinaryExpression node) =>
            node.NodeType is ExpressionType.AndAlso or ExpressionType.OrElse or ExpressionType.Coalesce ? node.Update(Visit(node.Left)!, node.Conversion, node.Right) : base.VisitBinary(node);
    }

    /// <summary>The variables a body assigns or declares, and whether it writes an element of an array of arrays.</summary>
    private sealed class Assigned : ExpressionVisitor
    {
        public HashSet<ParameterExpression> Names { get; } = [];
        public bool WritesRows { get; private set; }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (IsAssignment(node.NodeType)) Target(node.Left);
            return base.VisitBinary(node);
        }

        protected override Expression VisitUnary(UnaryExpression node)
        {
            if (node.NodeType is ExpressionType.PreIncrementAssign or ExpressionType.PostIncrementAssign or ExpressionType.PreDecrementAssign or ExpressionType.PostDecrementAssign) Target(node.Operand);
            return base.VisitUnary(node);
        }

        protected override Expression VisitBlock(BlockExpression node)
        {
            Names.UnionWith(node.Variables);
            return base.VisitBlock(node);
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            Names.UnionWith(node.Parameters);
            return base.VisitLambda(node);
        }

        protected override CatchBlock VisitCatchBlock(CatchBlock node)
        {
            if (node.Variable is { } v) Names.Add(v);
            return base.VisitCatchBlock(node);
        }

        // A call may write anything it is handed, or reaches: only Math and the runtime's row calls are known not to write rows.
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var known = node.Method.DeclaringType is { } t && (t == typeof(Math) || t == typeof(MathF) || t.Namespace == "Symbolic.Runtime");
            foreach (var a in node.Arguments)
                if (a.Type.IsArray && a.Type.GetElementType()!.IsArray || a.Type.IsByRef) known = false;
            if (!known) WritesRows = true;
            return base.VisitMethodCall(node);
        }

        protected override Expression VisitInvocation(InvocationExpression node)
        {
            WritesRows = true;
            return base.VisitInvocation(node);
        }

        private void Target(Expression left)
        {
            if (left is ParameterExpression p) Names.Add(p);
            else if (left.Type.IsArray || left is not IndexExpression) WritesRows = true;
        }

        private static bool IsAssignment(ExpressionType t) => t is ExpressionType.Assign or ExpressionType.AddAssign or ExpressionType.SubtractAssign
            or ExpressionType.MultiplyAssign or ExpressionType.DivideAssign or ExpressionType.ModuloAssign or ExpressionType.AddAssignChecked
            or ExpressionType.SubtractAssignChecked or ExpressionType.MultiplyAssignChecked or ExpressionType.PowerAssign or ExpressionType.AndAssign
            or ExpressionType.OrAssign or ExpressionType.ExclusiveOrAssign or ExpressionType.LeftShiftAssign or ExpressionType.RightShiftAssign;
    }
}
