using Symbolic.Graph;

namespace Symbolic.Simplification;

/// <summary>
/// A named rewrite of one node: returns the replacement, or null for "no change". Every rule must
/// move towards a normal form (strictly shrink a measure or be idempotent), so the driver's fixpoint
/// terminates.
/// </summary>
internal sealed record Rule(string Name, RuleClass Class, Func<RewriteContext, Node, Node?> Apply);
