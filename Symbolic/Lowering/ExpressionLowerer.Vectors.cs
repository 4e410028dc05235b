using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Graph;

namespace Symbolic.Lowering;

/// <summary>The vector-valued functions <see cref="ExpressionLowerer"/> reads (a Jacobian's rows): one node per element.</summary>
internal sealed partial class ExpressionLowerer
{
    /// <summary>
    /// Lowers a vector-valued function into one node per element, all in one graph so that what the
    /// elements share is computed once. Reads <c>x =&gt; new[] { e0, e1, ... }</c> and Symbolic's own
    /// vector results (a block that fills <c>new double[n]</c>), so that <c>Jacobian(Grad(f))</c> works.
    /// </summary>
    /// <returns>The elements written, by increasing index (missing ones are zero), and the expression of the vector's length.</returns>
    public static (IReadOnlyList<(int Index, Node Value)> Elements, Expression Length) LowerVector(NodeGraph graph, LambdaExpression lambda,
        FrontendSettings frontend, IReadOnlySet<ParameterExpression> arrays)
    {
        var lowerer = new ExpressionLowerer(graph, arrays, frontend.Rules);
        return FrontendPasses.Run(lambda.Body, frontend) switch
        {
            NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array when array.Type == graph.ElementType.ArrayType
                => ([.. array.Expressions.Select((e, i) => (i, lowerer.LowerBody(e)))], Expression.Constant(array.Expressions.Count)),
            BlockExpression block when block.Type == graph.ElementType.ArrayType => lowerer.LowerFilledVector(block),
            var body => throw Errors.NotDifferentiable(body, "a vector-valued function must be written as an array of double expressions, x => new[] { e0, e1, ... }"),
        };
    }

    /// <summary>Reads <c>{ t1 = ...; result = new double[n]; result[0] = ...; ...; result }</c>.</summary>
    private (IReadOnlyList<(int Index, Node Value)> Elements, Expression Length) LowerFilledVector(BlockExpression block)
    {
        ParameterExpression? vector = null;
        Expression? length = null;
        var elements = new Dictionary<int, Node>();
        // The emitter nests the result's own block inside the block of SSA temporaries.
        var statements = new List<Expression>();
        for (var current = block; current is not null; current = current.Expressions[^1] as BlockExpression)
            statements.AddRange(current.Expressions[^1] is BlockExpression ? current.Expressions.SkipLast(1) : current.Expressions);
        var last = statements[^1];
        foreach (var statement in statements.SkipLast(1))
        {
            switch (statement)
            {
                // The argument checks Symbolic put first: the function that reads this one has its own.
                case var guard when GuardStatements.IsGuard(guard):
                    break;
                case BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression v, Right: NewArrayExpression { NodeType: ExpressionType.NewArrayBounds } bounds }:
                    (vector, length) = (v, bounds.Expressions[0]);
                    break;
                case BinaryExpression { NodeType: ExpressionType.Assign, Left: IndexExpression { Object: var target, Arguments: [ConstantExpression { Value: int index }] }, Right: var value }
                    when target == vector:
                    elements[index] = LowerBody(value);
                    break;
                // SSA temporaries, and captured arrays the emitter read into locals.
                case BinaryExpression { NodeType: ExpressionType.Assign, Left: ParameterExpression }:
                    LowerBody(statement);
                    break;
                // The function's value, evaluated for its checks only (Grad computes it so that it throws where f does).
                case { Type: var t } when t == _element:
                    break;
                default:
                    throw Errors.NotDifferentiable(statement, "a vector-valued function must be written as x => new[] { e0, e1, ... }");
            }
        }
        if (vector is null || length is null || last != vector)
            throw Errors.NotDifferentiable(block, "a vector-valued function must be written as x => new[] { e0, e1, ... }");
        return ([.. elements.OrderBy(e => e.Key).Select(e => (e.Key, e.Value))], length);
    }
}
