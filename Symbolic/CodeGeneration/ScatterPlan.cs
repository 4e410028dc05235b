using System.Linq.Expressions;
using Symbolic.Differentiation;

namespace Symbolic.CodeGeneration;

/// <summary>Adjoints to add into <paramref name="Target"/> at loop-dependent indexes, and the count and nesting depth of each loop index.</summary>
internal sealed record ScatterPlan(Expression Target, IReadOnlyList<Scatter> Scatters, Func<ParameterExpression, Expression> CountOf, Func<ParameterExpression, int> DepthOf);
