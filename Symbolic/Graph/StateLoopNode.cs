using System.Linq.Expressions;

namespace Symbolic.Graph;

/// <summary>
/// A loop that carries a state from one step to the next (LINQ's <c>Aggregate</c>), and its reverse-mode
/// counterpart: both store every state in a buffer, <see cref="States"/>, of (<see cref="Count"/> + 1) ×
/// <see cref="Width"/> doubles, row r holding the state on entry to step r (row <see cref="Count"/>: the
/// final state). The node's value is that buffer; <see cref="FoldReadNode"/> reads it.
/// </summary>
internal abstract class StateLoopNode : Node
{
    private protected StateLoopNode(int id, ParameterExpression states, ParameterExpression index, Expression count,
        ParameterExpression component, Expression width) : base(id) =>
        (States, Index, Count, Component, Width) = (states, index, count, component, width);

    /// <summary>The buffer of states (a <c>double[]</c> local of the emitted code, rented from the pool).</summary>
    public ParameterExpression States { get; }

    /// <summary>The step index t = 0 … Count − 1.</summary>
    public ParameterExpression Index { get; }

    /// <summary>The number of steps (an int expression).</summary>
    public Expression Count { get; }

    /// <summary>The index of a state component inside a step, 0 … Width − 1 (a scalar state has width 1).</summary>
    public ParameterExpression Component { get; }

    /// <summary>The number of state components (an int expression that reads no loop index).</summary>
    public Expression Width { get; }

    /// <summary>The position of component <paramref name="component"/> of row <paramref name="row"/> in <see cref="States"/>.</summary>
    public Expression At(Expression row, Expression component) => Position(row, Width, component);

    /// <summary>row · width + component, without the multiplication for a width of 1.</summary>
    public static Expression Position(Expression row, Expression width, Expression component)
    {
        var start = width is ConstantExpression { Value: 1 } ? row : Expression.Multiply(row, width);
        return component is ConstantExpression { Value: 0 } ? start : Expression.Add(start, component);
    }
}
