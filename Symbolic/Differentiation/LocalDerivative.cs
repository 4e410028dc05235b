using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>How a node's value changes with its children: the local information the chain rule needs.</summary>
internal abstract record LocalDerivative;

/// <summary>d node = Σ factor · d child. A child absent from the list does not influence the node.</summary>
internal sealed record Partials(IReadOnlyList<Partial> Terms) : LocalDerivative;

/// <summary>One term of <see cref="Partials"/>: ∂node/∂child.</summary>
internal readonly record struct Partial(Node Child, Node Factor);

/// <summary>
/// The node equals one of two children, chosen by a test (conditionals, max, min). The chain rule
/// follows the chosen child only, so a NaN in the derivative of the other child cannot leak
/// (a product with a 0/1 indicator would turn it into NaN).
/// </summary>
internal sealed record Selection(Node Test, Node IfTrue, Node IfFalse) : LocalDerivative;

/// <summary>
/// A sum over a loop index: d Σ body = Σ d body (forward); the body receives the sum's adjoint at
/// every index (reverse).
/// </summary>
internal sealed record Summation(SumNode Sum) : LocalDerivative;

/// <summary>Derivative zero: leaves, and piecewise-constant functions away from their jumps.</summary>
internal sealed record Constant : LocalDerivative
{
    public static readonly Constant Instance = new();
}
