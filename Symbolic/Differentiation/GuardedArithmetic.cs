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

    /// <summary>
    /// The value where <paramref name="test"/> has outcome <paramref name="branch"/>, zero elsewhere — the
    /// adjoint a conditional passes to one of its branches — with the value's own guards kept outermost:
    /// <c>a ? v : 0</c> becomes <c>a ? (test ? v : 0) : 0</c>, not <c>test ? (a ? v : 0) : 0</c> (equal values).
    /// </summary>
    /// <remarks>
    /// Guards then nest in the adjoint as the conditionals nest in the function (reverse mode meets the
    /// outer ones first), so a value both need is placed inside the outer branch, never hoisted above it:
    /// a <c>Where</c> filter that skips an empty <c>Average</c> keeps skipping its emptiness check in the
    /// gradient. Only a few levels are descended: deeper nestings are equal, merely placed less tightly.
    /// </remarks>
    public static Node Select(NodeGraph g, Node test, bool branch, Node value)
    {
        var outer = new List<(Node Test, bool ZeroWhenTrue)>();
        while (outer.Count < MaxGuardDescent && value is ConditionalNode c && (ReferenceEquals(c.IfFalse, g.Zero) || ReferenceEquals(c.IfTrue, g.Zero)))
        {
            var zeroWhenTrue = ReferenceEquals(c.IfTrue, g.Zero);
            outer.Add((c.Test, zeroWhenTrue));
            value = zeroWhenTrue ? c.IfFalse : c.IfTrue;
        }
        var selected = branch ? g.Conditional(test, value, g.Zero) : g.Conditional(test, g.Zero, value);
        for (var k = outer.Count - 1; k >= 0; k--)
            selected = outer[k].ZeroWhenTrue ? g.Conditional(outer[k].Test, g.Zero, selected) : g.Conditional(outer[k].Test, selected, g.Zero);
        return selected;
    }

    private const int MaxGuardDescent = 8;

    private static bool IsZero(Node node) => node is ConstantNode { Value: 0 };
}
