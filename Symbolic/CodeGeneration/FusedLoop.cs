using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Sums over one index computed by one loop, each into its accumulator. The loop's <paramref name="Marker"/>
/// local is what the members' readers wait for. <paramref name="Body"/> is the loop body's schedule; null when
/// the sums join a scatter loop (whose body is the <see cref="ScatterLoop"/>'s).
/// </summary>
internal sealed record FusedLoop(ParameterExpression Marker, IReadOnlyList<SumNode> Members,
    IReadOnlyDictionary<SumNode, ParameterExpression> Accumulators, ProcedureSchedule? Body);
