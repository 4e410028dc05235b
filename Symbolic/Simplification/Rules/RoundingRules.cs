using Symbolic.Graph;

namespace Symbolic.Simplification.Rules;

/// <summary>Rewrites whose finite results may differ in the last bits, or in the sign of a zero; special values unchanged.</summary>
internal static class RoundingRules
{
    public static readonly IReadOnlyList<Rule> All =
    [
        // x·x is emitted back as x·x at this level, so only the printed form changes.
        new("square-as-power", RuleClass.Rounding, (ctx, node) =>
            node is BinaryNode { Op: BinaryOp.Multiply } b && b.Left == b.Right ? ctx.Graph.Power(b.Left, 2) : null),
        // -(a - b) and b - a differ only when a == b: -(+0) is -0.
        new("negated-difference", RuleClass.Rounding, (ctx, node) =>
            node is UnaryNode { Op: UnaryOp.Negate, Operand: BinaryNode { Op: BinaryOp.Subtract } d } && !ctx.IsShared(d)
                ? ctx.Graph.Subtract(d.Right, d.Left)
                : null),
    ];
}
