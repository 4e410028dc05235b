using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>
/// An adjoint to add into the gradient at a loop-dependent index: <c>gradient[Element.Index] += Adjoint</c>
/// for every value of the loop indices the two read.
/// </summary>
internal sealed record Scatter(IndexedElementNode Element, Node Adjoint);
