using Symbolic.Graph;

namespace Symbolic.Simplification.Rules;

/// <summary>
/// Rewrites that are bit-identical for every input. Most exact identities live in the smart
/// constructors of <see cref="NodeGraph"/> (x·1, -(-x), x^1 ...); these move negations outwards, which
/// is exact because negation is exact and rounding to nearest is symmetric. ((-a) - b → -(a + b) is not
/// here: it turns a +0 result into -0.)
/// </summary>
internal static class ExactRules
{
    public static readonly IReadOnlyList<Rule> All =
    [
        new("negation-out-of-product", RuleClass.Exact, (ctx, node) => node switch
        {
            BinaryNode { Op: BinaryOp.Multiply or BinaryOp.Divide, Left: UnaryNode { Op: UnaryOp.Negate } a } b
                => ctx.Graph.Negate(ctx.Graph.Binary(b.Op, a.Operand, b.Right)),
            BinaryNode { Op: BinaryOp.Multiply or BinaryOp.Divide, Right: UnaryNode { Op: UnaryOp.Negate } a } b
                => ctx.Graph.Negate(ctx.Graph.Binary(b.Op, b.Left, a.Operand)),
            _ => null,
        }),
    ];
}
