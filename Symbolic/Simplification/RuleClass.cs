namespace Symbolic.Simplification;

/// <summary>The floating-point guarantee a rewrite rule gives; see <see cref="SimplificationLevel"/>.</summary>
internal enum RuleClass { Exact, Rounding, Algebraic }
