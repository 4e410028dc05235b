using Symbolic.Differentiation;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>A scatter written without a loop, under the tests that make its adjoint nonzero (see <see cref="ScatterGrouping.Guards"/>).</summary>
internal sealed record DirectScatter(Scatter Scatter, IReadOnlyList<(Node Test, bool WhenTrue)> Guards);
