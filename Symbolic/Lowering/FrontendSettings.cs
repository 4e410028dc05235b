namespace Symbolic.Lowering;

/// <summary>
/// What the frontend is given to read a model: the derivative rules users' calls resolve to, and the hooks
/// that fold member reads to constants. Passed explicitly to every lowering: nothing is read from ambient state.
/// </summary>
/// <param name="Rules">The registry calls to users' methods are looked up in (and the rules' partials are read with).</param>
/// <param name="ConstantMembers">Member reads folded to constants before the model is read.</param>
internal sealed record FrontendSettings(DerivativeRegistry Rules, IReadOnlyList<ConstantMembers> ConstantMembers)
{
    /// <summary>These settings with another registry's rules.</summary>
    /// <param name="rules">The registry.</param>
    public FrontendSettings WithRules(DerivativeRegistry rules) =>
        ReferenceEquals(rules, Rules) ? this : this with { Rules = rules ?? throw new ArgumentNullException(nameof(rules)) };
}
