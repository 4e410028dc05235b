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
    /// <remarks>A guarded sum is rebuilt term by term without recursion: it may be as long as the model.</remarks>
    public static Node Scale(NodeGraph g, Node value, Node factor)
    {
        if (factor is ConstantNode { Value: 1 }) return value;   // every case below returns value itself
        if (value is not BinaryNode { Op: BinaryOp.Add, HasGuardedTerm: true }) return ScaleTerm(g, value, factor);
        var scaled = new Dictionary<Node, Node>();
        var pending = new Stack<(Node Node, bool Expanded)>();
        pending.Push((value, false));
        while (pending.TryPop(out var top))
        {
            if (scaled.ContainsKey(top.Node)) continue;
            if (top.Node is not BinaryNode { Op: BinaryOp.Add, HasGuardedTerm: true } sum) scaled[top.Node] = ScaleTerm(g, top.Node, factor);
            else if (top.Expanded) scaled[sum] = g.Add(scaled[sum.Left], scaled[sum.Right]);
            else
            {
                pending.Push((sum, true));
                pending.Push((sum.Right, false));
                pending.Push((sum.Left, false));
            }
        }
        return scaled[value];
    }

    // A sum of contributions under different guards is scaled term by term (Scale), each under its own guard.
    private static Node ScaleTerm(NodeGraph g, Node value, Node factor) => value switch
    {
        ConditionalNode c when IsZero(c.IfFalse) => g.Conditional(c.Test, Scale(g, c.IfTrue, factor), c.IfFalse),
        ConditionalNode c when IsZero(c.IfTrue) => g.Conditional(c.Test, c.IfTrue, Scale(g, c.IfFalse, factor)),
        // Guarded contributions merged under one test (Add): each branch keeps its own zeros.
        ConditionalNode { IsGuarded: true } c => g.Conditional(c.Test, Scale(g, c.IfTrue, factor), Scale(g, c.IfFalse, factor)),
        _ => g.Multiply(value, factor),
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
