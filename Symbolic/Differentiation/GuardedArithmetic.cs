using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>
/// Products and sums of derivative values that keep branch guards outermost. A derivative that is
/// zero when a branch is not taken (<c>test ? a : 0</c>) times a partial that is infinite or NaN there
/// must stay <c>test ? a·partial : 0</c>, never <c>(test ? a : 0)·partial</c>, which is 0·∞ = NaN.
/// Both modes use it: reverse mode for adjoints, forward mode for tangents.
/// </summary>
internal static class GuardedArithmetic
{
    /// <summary>
    /// value · factor, keeping a branch guard outermost: a value that is zero when a branch is not
    /// taken (<c>test ? a : 0</c>) scales to <c>test ? a·factor : 0</c>, never <c>(test ? a : 0)·factor</c>,
    /// which is NaN when the factor (a partial of the branch not taken) is NaN.
    /// </summary>
    public static Node Scale(NodeGraph g, Node value, Node factor) => value switch
    {
        ConditionalNode c when IsZero(c.IfFalse) => g.Conditional(c.Test, Scale(g, c.IfTrue, factor), c.IfFalse),
        ConditionalNode c when IsZero(c.IfTrue) => g.Conditional(c.Test, c.IfTrue, Scale(g, c.IfFalse, factor)),
        // A sum of contributions under different guards: scale each term under its own guard.
        BinaryNode { Op: BinaryOp.Add } sum when IsGuarded(sum.Left) || IsGuarded(sum.Right)
            => g.Add(Scale(g, sum.Left, factor), Scale(g, sum.Right, factor)),
        _ => g.Multiply(value, factor),
    };

    private static bool IsGuarded(Node node) => node switch
    {
        ConditionalNode c => IsZero(c.IfTrue) || IsZero(c.IfFalse),
        BinaryNode { Op: BinaryOp.Add } sum => IsGuarded(sum.Left) || IsGuarded(sum.Right),
        _ => false,
    };

    /// <summary>a + b, merging contributions guarded by the same test so the guard stays outermost.</summary>
    public static Node Add(NodeGraph g, Node a, Node b) => (a, b) switch
    {
        _ when IsZero(a) => b,
        _ when IsZero(b) => a,
        (ConditionalNode x, ConditionalNode y) when x.Test == y.Test => g.Conditional(x.Test, Add(g, x.IfTrue, y.IfTrue), Add(g, x.IfFalse, y.IfFalse)),
        _ => g.Add(a, b),
    };

    private static bool IsZero(Node node) => node is ConstantNode { Value: 0 };
}
