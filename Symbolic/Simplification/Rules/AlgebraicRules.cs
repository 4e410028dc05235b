using Symbolic.Graph;

namespace Symbolic.Simplification.Rules;

/// <summary>
/// Algebra: normal forms for sums and products, and inverse functions that cancel. Correct wherever
/// the original expression is finite.
/// </summary>
internal static class AlgebraicRules
{
    public static readonly IReadOnlyList<Rule> All =
    [
        new("collect-like-terms", RuleClass.Algebraic, SumNormalForm.Apply),
        new("collect-powers", RuleClass.Algebraic, ProductNormalForm.Apply),
        new("log-of-exp", RuleClass.Algebraic, (ctx, node) =>
            node is UnaryNode { Op: UnaryOp.Log, Operand: UnaryNode { Op: UnaryOp.Exp } e } ? e.Operand : null),
        new("exp-of-log", RuleClass.Algebraic, (ctx, node) =>
            node is UnaryNode { Op: UnaryOp.Exp, Operand: UnaryNode { Op: UnaryOp.Log } l } ? l.Operand : null),
        new("sqrt-of-square", RuleClass.Algebraic, (ctx, node) =>
            node is UnaryNode { Op: UnaryOp.Sqrt, Operand: PowerNode { Exponent: 2 } p } ? ctx.Graph.Unary(UnaryOp.Abs, p.Base) : null),
        // (x^a)^n = x^(a·n) for integer n.
        new("power-of-power", RuleClass.Algebraic, (ctx, node) =>
            node is PowerNode { Base: PowerNode inner } outer && double.IsInteger(outer.Exponent) && !ctx.IsShared(inner)
                ? ctx.Graph.Power(inner.Base, inner.Exponent * outer.Exponent)
                : null),
    ];
}
